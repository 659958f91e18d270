import { CliUsageError, parseCliArgs } from './cli-args';
import { runCli } from './cli';

describe('sitefarm command line', () => {
  it('parses serve and datasets options', () => {
    const serve = parseCliArgs(['serve', '--seed', '7', '--sites', '500', '--port', '4501', '--hostile-share', '0.25', '--trap-port=4600', '--profile', 'demo']);
    expect(serve).toMatchObject({ command: 'serve', trap: true, farm: { seed: 7, sites: 500, port: 4501, hostileShare: 0.25, trapPort: 4600, profile: 'demo' } });
    expect(parseCliArgs(['datasets', '--out', '/tmp/x', '--verticals', 'fitness,county', '--no-trap'])).toMatchObject({ command: 'datasets', out: '/tmp/x', trap: false, farm: { verticals: ['fitness', 'county'] } });
  });

  it.each([
    [['serve', '--sites', 'abc'], /--sites: expected a whole number, got "abc"/],
    [['serve', '--sites', '-5'], /--sites: expected a whole number/],
    [['serve', '--port', '70000'], /--port: expected 0..65535/],
    [['serve', '--hostile-share', '1.5'], /--hostile-share: expected a number from 0 to 1/],
    [['serve', '--profile', 'huge'], /--profile: expected "full" or "demo"/],
    [['serve', '--colour', 'red'], /unknown option --colour/],
    [['serve', '--seed'], /--seed needs a value/],
    [['serve', '--seed', '1', '--seed', '2'], /--seed given twice/],
    [['serve', 'extra'], /unexpected argument "extra"/],
    [['serve', '--verticals', 'fitness,spa'], /--verticals: unknown spa/],
    [['datasets'], /datasets needs --out <dir>/],
    [['launch'], /unknown command "launch"/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('exits with code 2 and prints the reason and usage on bad arguments', async () => {
    const err: string[] = [];
    const code = await runCli(['serve', '--sites', 'lots'], { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--sites: expected a whole number, got "lots"[\s\S]*usage:/);
  });
});
