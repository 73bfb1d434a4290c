import { beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../support/fixtures.js';
import { actorWith, admin, identity, newPassword } from './support/actors.js';
import { expectError, expectJson, type IdentityClient } from './support/identity-client.js';

interface AuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  actorType: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  clientIp: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

interface AuditPage {
  items: AuditEvent[];
  page: number;
  limit: number;
  total: number;
}

let api: IdentityClient;

beforeAll(async () => {
  api = await admin();
});

async function eventsFor(targetId: string): Promise<AuditEvent[]> {
  const page = await expectJson<AuditPage>(
    await api.get(`/v1/audit-events?targetId=${targetId}`),
    200,
  );
  return page.items;
}

describe('GET /v1/audit-events', () => {
  it('records each change with actor, target, before/after, client IP and request id', async () => {
    const username = unique('audited');
    const password = newPassword();
    const created = await api.request(
      'POST',
      '/v1/users',
      {
        firstName: 'A',
        lastName: 'B',
        email: `${username}@example.com`,
        username,
        password,
        groups: [],
      },
      { 'X-Request-Id': `req-${username}` },
    );
    const { id } = await expectJson<{ id: string }>(created, 201);
    await expectJson(await api.patch(`/v1/users/${id}`, { lastName: 'C' }), 200);

    const events = await eventsFor(id);
    expect(events.map((event) => event.action)).toEqual(['user.updated', 'user.created']);
    const [updated, creation] = events;
    expect(creation).toMatchObject({
      actorType: 'user',
      targetType: 'user',
      targetId: id,
      clientIp: api.ip,
      requestId: `req-${username}`,
      details: { after: { username, lastName: 'B', groups: [] } },
    });
    expect(updated?.details).toEqual({ before: { lastName: 'B' }, after: { lastName: 'C' } });
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it('writes nothing, not even an audit event, when a change is refused', async () => {
    const username = unique('refused');
    const body = {
      firstName: 'A',
      lastName: 'B',
      email: `${username}@example.com`,
      username,
      password: newPassword(),
      groups: ['no-such-group'],
    };
    await expectError(await api.post('/v1/users', body), 404, 'IDE-1006');
    const page = await api.get(
      `/v1/audit-events?action=user.created&from=${new Date(Date.now() - 60_000).toISOString()}&limit=100`,
    );
    const { items } = await expectJson<AuditPage>(page, 200);
    expect(items.some((event) => JSON.stringify(event.details).includes(username))).toBe(false);
  });

  it('filters by action, actor, target type and time, newest first, paged', async () => {
    const actor = await actorWith(api, identity('roles', 'post'));
    const names = [unique('r1'), unique('r2'), unique('r3')];
    for (const name of names) {
      const response = await actor.api.post('/v1/roles', {
        name,
        permissions: identity('roles', 'post'),
      });
      await expectJson(response, 201);
    }

    const query = `action=role.created&actorId=${actor.id}&targetType=role&limit=2`;
    const first = await expectJson<AuditPage>(await api.get(`/v1/audit-events?${query}`), 200);
    expect(first).toMatchObject({ page: 1, limit: 2, total: 3 });
    const names1 = first.items.map((event) => (event.details.after as { name: string }).name);
    expect(names1).toEqual([names[2], names[1]]);

    const second = await expectJson<AuditPage>(
      await api.get(`/v1/audit-events?${query}&page=2`),
      200,
    );
    expect(second.items.map((event) => (event.details.after as { name: string }).name)).toEqual([
      names[0],
    ]);

    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await api.get(
      `/v1/audit-events?actorId=${actor.id}&from=${encodeURIComponent(future)}`,
    );
    expect((await expectJson<AuditPage>(none, 200)).total).toBe(0);
  });

  it.each([
    'from=yesterday',
    'limit=1000000000',
    'to=2020-01-01T00:00:00Z&from=2021-01-01T00:00:00Z',
    'actor=1',
  ])('refuses ?%s with 400 IDE-0005', async (query) => {
    await expectError(await api.get(`/v1/audit-events?${query}`), 400, 'IDE-0005');
  });
});
