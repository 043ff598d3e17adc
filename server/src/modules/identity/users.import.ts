import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { type Actor, hasGlobalPermission } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Row } from '../../platform/db/schema.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { type ImportSpec, readUpload, runImport, sendTemplate } from '../../platform/http/import.js';
import {
  chunks,
  isEmail,
  isEmployeeNo,
  isMobile,
  managesMembership,
  passwordProblem,
  permissionsNotHeld,
  usernameProblem,
} from './identity.rules.js';
import { codeMaps, takenValues } from './users.repository.js';

/** The 场所编码 value that grants the role on every site. */
export const ALL_SITES = '全部';

export interface ImportedUser {
  username: string;
  name: string;
  phone: string | null;
  employeeNo: string | null;
  departmentCode: string | null;
  email: string | null;
  roleCode: string | null;
  siteCode: string | null;
  password: string;
  departmentId: string | null;
  grant: { roleId: string; siteId: string | null } | null;
  passwordHash: string | null;
}

const COLUMNS = [
  { header: '用户名', required: true, example: 'zhangsan' },
  { header: '姓名', required: true, example: '张三' },
  { header: '手机号', example: '13900000001' },
  { header: '工号', example: 'E1001' },
  { header: '部门编码', example: 'GW' },
  { header: '邮箱', example: 'zhangsan@example.com' },
  { header: '角色编码', example: 'technician' },
  { header: '场所编码', example: 'CC', note: `场所编码，或“${ALL_SITES}”表示全部场所` },
  { header: '初始密码', required: true, example: 'Welcome2026' },
];

/** Reads one spreadsheet row; every problem is reported against its column. */
export function parseUserRow(v: Record<string, string>, fail: (column: string, message: string) => void): ImportedUser | null {
  const opt = (key: string) => v[key]?.trim() || null;
  const username = v['用户名'] ?? '';
  const usernameIssue = username ? usernameProblem(username) : null;
  if (usernameIssue) fail('用户名', usernameIssue);
  if ((v['姓名'] ?? '').length > 50) fail('姓名', '不能超过 50 个字符');
  const phone = opt('手机号');
  if (phone && !isMobile(phone)) fail('手机号', '应为 11 位中国大陆手机号');
  const employeeNo = opt('工号');
  if (employeeNo && !isEmployeeNo(employeeNo)) fail('工号', '工号为 1–32 位字母、数字、下划线或横线');
  const email = opt('邮箱');
  if (email && !isEmail(email)) fail('邮箱', '邮箱格式不正确');
  const roleCode = opt('角色编码');
  const siteCode = opt('场所编码');
  if (roleCode && !siteCode) fail('场所编码', `填写角色编码时须填写场所编码（或“${ALL_SITES}”）`);
  if (siteCode && !roleCode) fail('角色编码', '填写场所编码时须填写角色编码');
  const password = v['初始密码'] ?? '';
  const passwordIssue = password ? passwordProblem(password, { username, phone }) : null;
  if (passwordIssue) fail('初始密码', passwordIssue);
  return {
    username,
    name: v['姓名'] ?? '',
    phone,
    employeeNo,
    departmentCode: opt('部门编码'),
    email,
    roleCode,
    siteCode,
    password,
    departmentId: null,
    grant: null,
    passwordHash: null,
  };
}

/** Rows whose `key` repeats an earlier row of the file, with the earlier row's number. */
export function repeatsWithinFile<T>(
  rows: { row: number; item: T }[],
  key: (item: T) => string | null,
): { row: number; firstRow: number }[] {
  const first = new Map<string, number>();
  const out: { row: number; firstRow: number }[] = [];
  for (const r of rows) {
    const k = key(r.item);
    if (!k) continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, r.row);
    else out.push({ row: r.row, firstRow: seen });
  }
  return out;
}

/**
 * argon2 is deliberately slow, so passwords are hashed before the import's transaction
 * opens (never while it holds the database), four at a time (libuv's thread pool), and
 * once per distinct initial password: the rows share a temporary password the importer
 * already knows and every imported user must change it at first sign-in.
 */
async function hashAll(items: ImportedUser[]): Promise<void> {
  const distinct = [...new Set(items.map((i) => i.password))];
  const hashes = new Map<string, string>();
  for (const group of chunks(distinct, 4)) {
    const done = await Promise.all(group.map((p) => hashPassword(p)));
    for (const [i, p] of group.entries()) hashes.set(p, done[i] as string);
  }
  for (const item of items) item.passwordHash = hashes.get(item.password) ?? null;
}

type CodeMaps = Awaited<ReturnType<typeof codeMaps>>;
type Fail = (column: string, message: string) => void;

/** Department, role and site codes, and whether the importer may grant that role there. */
export function resolveReferences(item: ImportedUser, maps: CodeMaps, actor: Actor, fail: Fail): void {
  if (item.departmentCode) {
    item.departmentId = maps.departments.get(item.departmentCode) ?? null;
    if (!item.departmentId) fail('部门编码', `部门编码 ${item.departmentCode} 不存在或已停用`);
  }
  if (!item.roleCode || !item.siteCode) {
    // a site-limited manager could not even see a user without a role on one of their sites
    if (!item.roleCode && !item.siteCode && !hasGlobalPermission(actor, 'users:manage'))
      fail('角色编码', '请填写角色编码和你所管理的场所编码');
    return;
  }
  const role = maps.roles.get(item.roleCode);
  if (!role) fail('角色编码', `角色编码 ${item.roleCode} 不存在或已停用`);
  const siteId = item.siteCode === ALL_SITES ? null : maps.sites.get(item.siteCode);
  if (siteId === undefined) fail('场所编码', `场所编码 ${item.siteCode} 不存在或已停用`);
  if (!role || siteId === undefined) return;
  if (!managesMembership(actor, siteId, [])) {
    fail('场所编码', siteId === null ? `只有在全部场所拥有用户管理权限的人员才能授予“${ALL_SITES}”` : '你无权在此场所授予角色');
    return;
  }
  const missing = permissionsNotHeld(actor, role.permissions, siteId);
  if (missing.length) fail('角色编码', `不能授予超出自己权限的角色，缺少：${missing.join('、')}`);
  item.grant = { roleId: role.id, siteId };
}

/**
 * The user import. Formats, codes and what the importer may grant are checked on every
 * row; repeats within the file and against existing users on the rows that passed;
 * passwords are hashed only for a commit without any error.
 */
export async function userImportSpec(ctx: Ctx, dryRun: boolean): Promise<ImportSpec<ImportedUser>> {
  const maps = await codeMaps(ctx.db, ctx.actor.orgId);
  let rowsSeen = 0;
  return {
    sheet: '用户',
    columns: COLUMNS,
    parseRow(values, fail) {
      rowsSeen++;
      const item = parseUserRow(values, fail);
      if (item) resolveReferences(item, maps, ctx.actor, fail);
      return item;
    },
    async checkBatch(_ctx, rows, fail) {
      let failures = 0;
      const report = (row: number, column: string, message: string) => {
        failures++;
        fail(row, column, message);
      };
      const unique: [string, (u: ImportedUser) => string | null][] = [
        ['用户名', (u) => u.username],
        ['手机号', (u) => u.phone],
        ['工号', (u) => u.employeeNo],
      ];
      for (const [column, key] of unique) {
        for (const d of repeatsWithinFile(rows, key)) report(d.row, column, `与第 ${d.firstRow} 行重复`);
      }
      const items = rows.map((r) => r.item);
      const taken = await takenValues(ctx.db, ctx.actor.orgId, {
        usernames: items.map((u) => u.username),
        phones: items.flatMap((u) => (u.phone ? [u.phone] : [])),
        employeeNos: items.flatMap((u) => (u.employeeNo ? [u.employeeNo] : [])),
      });
      for (const { row, item } of rows) {
        if (taken.usernames.has(item.username)) report(row, '用户名', `用户名 ${item.username} 已存在`);
        if (item.phone && taken.phones.has(item.phone)) report(row, '手机号', '手机号已被其他用户使用');
        if (item.employeeNo && taken.employeeNos.has(item.employeeNo)) report(row, '工号', `工号 ${item.employeeNo} 已存在`);
      }
      if (!dryRun && failures === 0 && rows.length === rowsSeen) await hashAll(items);
    },
    commit: (_ctx, tx, items) => insertImported(ctx, tx, items),
    preview: (u) => ({
      username: u.username,
      name: u.name,
      phone: u.phone,
      employeeNo: u.employeeNo,
      department: u.departmentCode,
      email: u.email,
      role: u.roleCode,
      site: u.siteCode,
    }),
  };
}

async function insertImported(ctx: Ctx, tx: Tx, items: ImportedUser[]): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const users: Row<'users'>[] = items.map((u) => ({
    id: newId(),
    org_id: ctx.actor.orgId,
    username: u.username,
    name: u.name,
    phone: u.phone,
    employee_no: u.employeeNo,
    department_id: u.departmentId,
    email: u.email,
    password_hash: u.passwordHash as string,
    locale: 'zh-CN',
    active: 1,
    must_change_password: 1,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
    version: 1,
  }));
  for (const part of chunks(users, 200)) await tx.insertInto('users').values(part).execute();
  const memberships = items.flatMap((u, i) =>
    u.grant
      ? [
          {
            id: newId(),
            org_id: ctx.actor.orgId,
            user_id: users[i]?.id as string,
            role_id: u.grant.roleId,
            site_id: u.grant.siteId,
            created_at: now,
          },
        ]
      : [],
  );
  for (const part of chunks(memberships, 500)) await tx.insertInto('memberships').values(part).execute();
  for (const [i, user] of users.entries()) {
    const item = items[i] as ImportedUser;
    await writeAudit(ctx, tx, {
      entity: 'user',
      entityId: user.id,
      action: 'import',
      after: { ...user, role: item.roleCode, site: item.siteCode },
    });
  }
}

export const userImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['identity'];
  app.get('/users/import-template', { config: { access: 'users:manage' }, schema: { tags, summary: '用户导入模板' } }, async (req, reply) =>
    sendTemplate(reply, await userImportSpec(ctxOf(req), true), '用户导入模板'),
  );

  app.post(
    '/users/import',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: '导入用户（multipart 上传 .xlsx；dryRun=1 只校验并预览，dryRun=0 全部导入或全部不导入）',
        querystring: Type.Object({ dryRun: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')], { default: '1' })) }),
      },
    },
    async (req) => {
      const upload = await readUpload(req);
      const dryRun = req.query.dryRun !== '0';
      const ctx = ctxOf(req);
      return runImport(ctx, await userImportSpec(ctx, dryRun), upload.data, dryRun);
    },
  );
};
