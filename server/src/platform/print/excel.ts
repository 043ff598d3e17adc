import ExcelJS from 'exceljs';

/** One column of an export or import template: header text and how to read a row. */
export interface XlsxColumn<R> {
  header: string;
  width?: number;
  value: (row: R) => string | number | null | undefined;
}

export async function writeXlsx<R>(sheetName: string, columns: XlsxColumn<R>[], rows: Iterable<R>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Houqin';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row) ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet row read by header name; `row` is the 1-based spreadsheet row number for error reports. */
export interface SheetRow {
  row: number;
  values: Record<string, string>;
}

/** Reads the first worksheet: the first row holds headers; blank rows are skipped. */
export async function readXlsx(buffer: Buffer): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const wb = new ExcelJS.Workbook();
  // exceljs' typing predates Node's generic Buffer
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value).trim();
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    headers.forEach((h, i) => {
      if (!h) return;
      const text = cellText(r.getCell(i + 1).value).trim();
      if (text) any = true;
      values[h] = text;
    });
    if (any) rows.push({ row: rowNumber, values });
  });
  return { headers, rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
    return '';
  }
  return String(v);
}
