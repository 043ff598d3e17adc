import { describe, expect, it } from 'vitest';
import { workAccess } from './access';

// onOrder is the server's answer for the user asking (tech is the assignee)
const wo = { status: 'in_progress' as const, onOrder: true, siteId: 'cc' };
const grants = (perms: string[]) => (perm: string, siteId: string) => siteId === 'cc' && perms.includes(perm);

describe('who may record work done', () => {
  it('lets the assignee write their own entries while the order is open', () => {
    const a = workAccess(wo, 'tech', grants(['workorders:work']));
    expect(a.canWrite).toBe(true);
    expect(a.mayEditEntry('tech')).toBe(true);
    expect(a.mayEditEntry('other')).toBe(false);
    expect(workAccess({ ...wo, status: 'completed' }, 'tech', grants(['workorders:work'])).canWrite).toBe(false);
  });

  it('lets dispatchers write anyone’s entries, also after closing', () => {
    const a = workAccess({ ...wo, status: 'rated' }, 'clerk', grants(['workorders:dispatch']));
    expect(a.canWrite).toBe(true);
    expect(a.mayEditEntry('tech')).toBe(true);
  });

  it('keeps others out: another technician, a requester, another site', () => {
    expect(workAccess({ ...wo, onOrder: false }, 'tech2', grants(['workorders:work'])).canWrite).toBe(false);
    expect(workAccess(wo, 'tech', grants([])).canWrite).toBe(false);
    expect(workAccess({ ...wo, siteId: 'sy' }, 'tech', grants(['workorders:work'])).canWrite).toBe(false);
    // a member of the order's team, while nobody is named: the server says onOrder
    expect(workAccess({ ...wo, onOrder: true }, 'tech2', grants(['workorders:work'])).canWrite).toBe(true);
  });
});
