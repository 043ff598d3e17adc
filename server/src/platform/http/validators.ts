import type { FieldError } from '../../../../contracts/errors.js';
import { validation } from './errors.js';

/** Checks the schema language cannot express; collects every problem before throwing. */
export class FieldCheck {
  private readonly errors: FieldError[] = [];
  add(field: string, message: string): this {
    this.errors.push({ field, message });
    return this;
  }
  timezone(field: string, value: string | undefined | null): this {
    if (value && !isTimezone(value)) this.add(field, '不是有效的时区（例如 Asia/Shanghai）');
    return this;
  }
  openingHours(field: string, value: string | undefined | null): this {
    if (value && !/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/.test(value)) {
      this.add(field, '格式应为 HH:mm-HH:mm，例如 09:00-21:30');
    }
    return this;
  }
  throwIfAny(): void {
    if (this.errors.length) throw validation(this.errors);
  }
}

export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
