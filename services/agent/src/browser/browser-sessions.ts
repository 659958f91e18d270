// Where attempts get their browser session. Opening one means a new renderer process, which
// takes a few hundred milliseconds; a couple of fresh sessions (context, page, egress session,
// routes) are kept ready once the browser is in use, so an attempt that escalates does not
// wait for that. A spare is never reused: each attempt gets one nobody has used, and closes it.
import { BrowserSession, type BrowserSessionOptions } from './browser-session';

export type SessionDefaults = Omit<BrowserSessionOptions, 'label' | 'blockHeavy'>;

/** A spare being opened; `session` is set once it is ready (undefined if opening failed). */
interface Spare {
  ready: boolean;
  session?: BrowserSession;
}

export class BrowserSessions {
  private spares: Spare[] = [];
  private readonly opening = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly defaults: SessionDefaults,
    private readonly spareCount: number,
  ) {}

  /**
   * A fresh session for one attempt: a ready spare when there is one, else a new session. It
   * never waits for a spare still opening — one caught by a browser crash may take long to
   * fail, and the attempt must not wait on it.
   */
  async take(blockHeavy: boolean): Promise<BrowserSession> {
    for (const spare of this.spares.filter((candidate) => candidate.ready)) {
      this.spares = this.spares.filter((candidate) => candidate !== spare);
      const session = spare.session;
      if (session && !session.stale) {
        session.blockHeavy = blockHeavy;
        this.refill();
        return session;
      }
      await session?.close();
    }
    const session = await BrowserSession.open({ ...this.defaults, label: 'attempt', blockHeavy });
    this.refill();
    return session;
  }

  private refill(): void {
    while (!this.closed && this.spares.length < this.spareCount) {
      const spare: Spare = { ready: false };
      this.spares.push(spare);
      const opening = BrowserSession.open({ ...this.defaults, label: 'spare', blockHeavy: true })
        .then(
          async (session) => {
            if (this.closed) await session.close();
            else spare.session = session;
          },
          () => {
            // Failed to open (the browser went away): drop it; the next take refills.
            this.spares = this.spares.filter((candidate) => candidate !== spare);
          },
        )
        .finally(() => {
          spare.ready = true;
          this.opening.delete(opening);
        });
      this.opening.add(opening);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.opening]);
    const spares = this.spares.splice(0);
    await Promise.all(spares.map((spare) => spare.session?.close()));
  }
}
