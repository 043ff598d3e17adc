/** Calendar arithmetic on local dates `YYYY-MM-DD` (no zone involved). */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const nextDay = (date: string) => addDays(date, 1);
/** ISO weekday 1 = Monday … 7 = Sunday */
export const weekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
