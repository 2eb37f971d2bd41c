import { parseCommand } from './parse-command';

describe('parseCommand', () => {
  it('no arguments means start all', () => {
    expect(parseCommand([])).toEqual({ ok: true, command: { name: 'start', role: 'all' } });
    expect(parseCommand(['start'])).toEqual({ ok: true, command: { name: 'start', role: 'all' } });
  });

  it.each(['all', 'server', 'worker'] as const)('start %s and the bare role both start that role', (role) => {
    expect(parseCommand(['start', role])).toEqual({ ok: true, command: { name: 'start', role } });
    expect(parseCommand([role])).toEqual({ ok: true, command: { name: 'start', role } });
  });

  it('migrate, demo and help are commands of their own', () => {
    expect(parseCommand(['migrate'])).toEqual({ ok: true, command: { name: 'migrate' } });
    expect(parseCommand(['demo'])).toEqual({ ok: true, command: { name: 'demo' } });
    expect(parseCommand(['demo', 'now'])).toMatchObject({ ok: false });
    expect(parseCommand(['--help'])).toEqual({ ok: true, command: { name: 'help' } });
  });

  it('unknown commands, roles and extra arguments are refused with a reason', () => {
    expect(parseCommand(['deploy'])).toEqual({ ok: false, reason: 'Unknown command "deploy".' });
    expect(parseCommand(['start', 'cron'])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"cron"'),
    });
    expect(parseCommand(['migrate', 'now'])).toMatchObject({ ok: false });
    expect(parseCommand(['start', 'all', 'extra'])).toMatchObject({
      ok: false,
      reason: 'Unexpected arguments: extra',
    });
  });
});
