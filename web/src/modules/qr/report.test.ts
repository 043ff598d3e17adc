import { describe, expect, it } from 'vitest';
import { choiceLabel, PHONE_PATTERN, photoProblem, toReportForm } from './report';

describe('QR report form', () => {
  it('accepts the phone formats people type and refuses letters or too few digits', () => {
    for (const ok of ['13800001111', '138-0000-1111', '(0431) 8888-1234', '+86 138 0000 1111']) expect(PHONE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['1234', 'abc12345', '138 0000 1111 2222 3333 4', '']) expect(PHONE_PATTERN.test(bad)).toBe(false);
  });

  it('refuses non-images and photos over the limit before sending', () => {
    expect(photoProblem({ type: 'image/jpeg', size: 1024 }, 20)).toBeNull();
    expect(photoProblem({ type: 'application/pdf', size: 1024 }, 20)).toBe('notImage');
    expect(photoProblem({ type: '', size: 1024 }, 20)).toBe('notImage');
    expect(photoProblem({ type: 'image/png', size: 20 * 1024 * 1024 + 1 }, 20)).toBe('tooLarge');
  });

  it('sends trimmed fields, leaves empty ones out for the server defaults, and names every photo', () => {
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'leak.jpg', { type: 'image/jpeg' });
    const form = toReportForm(
      { description: '  水龙头漏水 ', category: '', urgency: null, name: ' 李 ', phone: '13800001111', appointmentAt: null },
      [photo, new Blob([new Uint8Array([1])], { type: 'image/png' })],
    );
    expect([...form.keys()]).toEqual(['description', 'name', 'phone', 'photos', 'photos']);
    expect(form.get('description')).toBe('水龙头漏水');
    expect(form.get('name')).toBe('李');
    expect((form.getAll('photos') as File[]).map((f) => f.name)).toEqual(['leak.jpg', 'photo-2.jpg']);
  });

  it('labels a dictionary entry in the page language', () => {
    const choice = { code: 'plumbing', zh: '给排水', en: 'Water supply & drainage' };
    expect(choiceLabel(choice, 'zh-CN')).toBe('给排水');
    expect(choiceLabel(choice, 'en-US')).toBe('Water supply & drainage');
  });
});
