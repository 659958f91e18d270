// What the datasets service needs to know about a campaign, asked of the campaigns service over
// NATS (`campaigns.get`): that it exists in the caller's organization, and its output columns
// (to suggest and check ground-truth mappings).
import { FieldworkError, NotFoundError } from '@fieldwork/contracts';
import type { CallMeta, RpcClient } from '@fieldwork/messaging';
import type { OutputColumnInfo } from '../detection/detect-schema';

export interface CampaignFacts {
  id: string;
  name: string;
  /** active | paused | completed | archived ("" when the reply does not say). */
  status: string;
  columns: OutputColumnInfo[];
}

interface CampaignReply {
  id?: string;
  name?: string;
  status?: string;
  columns?: { name?: unknown; type?: unknown; description?: unknown }[];
}

export class CampaignDirectory {
  constructor(private readonly rpc: RpcClient) {}

  /** The campaign, or NotFoundError (also when it belongs to another organization). */
  async get(campaignId: string, meta: CallMeta): Promise<CampaignFacts> {
    let reply: CampaignReply;
    try {
      reply = await this.rpc.request<CampaignReply>('campaigns.get', { campaignId }, meta);
    } catch (error) {
      if (error instanceof FieldworkError && error.code === 'not_found') throw new NotFoundError('Campaign', campaignId);
      throw error;
    }
    const columns = (reply.columns ?? [])
      .filter((column): column is { name: string; type?: unknown; description?: unknown } => typeof column.name === 'string')
      .map((column) => ({
        name: column.name,
        ...(typeof column.type === 'string' ? { type: column.type } : {}),
        ...(typeof column.description === 'string' ? { description: column.description } : {}),
      }));
    return { id: reply.id ?? campaignId, name: reply.name ?? '', status: reply.status ?? '', columns };
  }

  /** Like get(), but a missing or unreachable campaign yields no columns (reads must not fail on it). */
  async columnsOrNone(campaignId: string, meta: CallMeta): Promise<OutputColumnInfo[] | null> {
    try {
      return (await this.get(campaignId, meta)).columns;
    } catch {
      return null;
    }
  }
}
