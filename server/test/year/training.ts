import type { ChecklistAnswer, ChecklistItem } from '../../../contracts/checklists.js';
import type { QuestionDto } from '../../../contracts/training.js';
import { startAttempt, submitAttempt } from '../../src/modules/training/attempts.service.js';
import { createEtiquetteCheck } from '../../src/modules/training/etiquette.service.js';
import { cancelSession, createSession, markSessionDone, signInByHand } from '../../src/modules/training/sessions.service.js';
import { createSpotCheck } from '../../src/modules/training/spotchecks.service.js';
import { DAY, HOUR, hhmm, MINUTE, type Store, type World } from './world.js';

/**
 * Training and checks of the teams of both stores: a session every month (safety,
 * fire, skills, etiquette…), the staff signed in by the trainer; a knowledge spot check
 * every quarter on the fire-safety or brands question bank, answered by the staff;
 * etiquette checks of staff and of vendor counters' people twice a month.
 */

const SESSION_TYPES: [string, string][] = [
  ['induction_safety', '新员工入职安全培训'],
  ['fire', '消防安全知识培训'],
  ['job_skills', '维修岗位技能培训'],
  ['brand_location', '品牌业种位置培训'],
  ['etiquette', '服务礼仪培训'],
  ['emergency', '应急处置培训'],
];

/** the store's people who attend training (training:attend there) */
function trainees(store: Store): string[] {
  const p = store.people;
  return [...new Set([p.clerk, p.technician, p.manager, p.guard, ...p.staff])];
}

const sessionVersion = async (w: World, id: string) =>
  Number((await w.db.selectFrom('training_sessions').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

export function scheduleTraining(w: World, store: Store): void {
  const r = w.rng;
  for (let month = 1; month <= 12; month++) {
    const date = `${w.year}-${String(month).padStart(2, '0')}-${String(r.int(8, 25)).padStart(2, '0')}`;
    const startsAt = w.local(store, date, r.pick(['08:00', '14:00', '16:00']));
    const [type, title] = r.pick(SESSION_TYPES);
    const cancelled = r.chance(0.06);
    w.tl.at(startsAt - r.int(5, 14) * DAY, `training-plan ${store.code}`, async () => {
      const head = await w.ctx('head');
      const people = trainees(store);
      const dto = await createSession(head, {
        siteId: store.id,
        title: `${title}（${month}月）`,
        type,
        trainerName: r.pick(['王后勤', '外聘消防讲师', '李工程师']),
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 90 * MINUTE).toISOString(),
        place: '三楼会议室',
        inviteeIds: people.map((u) => w.users.get(u)?.id as string),
      });
      w.count(`training.sessions.${store.code}`);
      if (cancelled) {
        w.tl.at(startsAt - 2 * DAY, `training-cancel ${store.code}`, async () => {
          await cancelSession(await w.ctx('head'), dto.id, { reason: '讲师临时有事，改期', version: await sessionVersion(w, dto.id) });
        });
        return;
      }
      w.tl.at(startsAt + 20 * MINUTE, `training-signin ${store.code}`, async () => {
        const present = people.filter(() => r.chance(0.85));
        if (present.length) {
          await signInByHand(await w.ctx('head'), dto.id, {
            userIds: present.map((u) => w.users.get(u)?.id as string),
            version: await sessionVersion(w, dto.id),
          });
          w.count('training.signins', present.length);
        }
      });
      w.tl.at(startsAt + 100 * MINUTE, `training-done ${store.code}`, async () => {
        await markSessionDone(await w.ctx('head'), dto.id, await sessionVersion(w, dto.id));
      });
    });
  }
}

export function scheduleSpotChecks(w: World, store: Store): void {
  const r = w.rng;
  for (const month of [3, 6, 9, 12]) {
    const date = `${w.year}-${String(month).padStart(2, '0')}-${String(r.int(3, 20)).padStart(2, '0')}`;
    const at = w.local(store, date, '10:00');
    w.tl.at(at, `spotcheck ${store.code}`, async () => {
      const banks = await w.db
        .selectFrom('question_banks')
        .select(['id', 'topic'])
        .where('org_id', '=', w.orgId)
        .where('active', '=', 1)
        .orderBy('name')
        .execute();
      const bank = r.pick(banks);
      const people = trainees(store).filter(() => r.chance(0.8));
      if (!people.length) return;
      const dto = await createSpotCheck(await w.ctx('head'), {
        siteId: store.id,
        title: `${month}月知识抽查`,
        bankId: bank.id,
        questionCount: 5,
        passMark: 80,
        dueAt: new Date(at + 3 * DAY).toISOString(),
        participantIds: people.map((u) => w.users.get(u)?.id as string),
      });
      w.count(`training.spot_checks.${store.code}`);
      for (const person of people) {
        // most answer within the three days; one now and then never does
        if (r.chance(0.1)) continue;
        w.tl.at(at + r.int(1, 60) * HOUR, `quiz ${store.code}`, () => takeQuiz(w, person, dto.id));
      }
    });
  }
}

async function takeQuiz(w: World, person: string, spotCheckId: string): Promise<void> {
  const r = w.rng;
  const ctx = await w.ctx(person);
  const { attempt } = await startAttempt(ctx, spotCheckId);
  const stored = await w.db.selectFrom('quiz_attempts').select('questions').where('id', '=', attempt.id).executeTakeFirstOrThrow();
  const questions = JSON.parse(stored.questions) as QuestionDto[];
  // a well-trained team: each question right four times in five
  const answers = questions.map((q) => ({
    questionId: q.id,
    chosen: r.chance(0.82) ? q.answer : [q.options.findIndex((_, i) => !q.answer.includes(i))],
  }));
  w.clock.set(new Date(w.tl.now() + r.int(4, 12) * MINUTE).toISOString());
  await submitAttempt(ctx, attempt.id, { answers });
  w.count('training.attempts');
}

const VENDOR_PEOPLE: [string, string][] = [
  ['张伟', '耐克专柜'],
  ['刘芳', '兰蔻专柜'],
  ['陈静', '周大福专柜'],
  ['杨洋', '优衣库专柜'],
  ['赵敏', '雅诗兰黛专柜'],
];

export function scheduleEtiquette(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const at = w.local(store, r.pick(w.days), hhmm(r.int(10 * 60, 20 * 60)));
    w.tl.at(at, `etiquette ${store.code}`, async () => {
      const code = r.pick(['ETIQUETTE-APPEARANCE', 'ETIQUETTE-MANNERS']);
      const template = await w.db
        .selectFrom('checklist_templates as t')
        .innerJoin('checklist_template_versions as v', (j) =>
          j.onRef('v.template_id', '=', 't.id').onRef('v.template_version', '=', 't.current_version'),
        )
        .select(['t.id', 'v.items'])
        .where('t.org_id', '=', w.orgId)
        .where('t.code', '=', code)
        .executeTakeFirstOrThrow();
      const items = JSON.parse(template.items) as ChecklistItem[];
      const answers: ChecklistAnswer[] = items.flatMap((item): ChecklistAnswer[] => {
        if (item.kind === 'pass_fail')
          return [r.chance(0.08) ? { key: item.key, value: 'fail', note: '不符合要求' } : { key: item.key, value: 'pass' }];
        if (item.kind === 'choice')
          return [
            {
              key: item.key,
              value: r.weighted<string>([
                ['优', 40],
                ['良', 45],
                ['一般', 12],
                ['差', 3],
              ]),
            },
          ];
        return [];
      });
      const staff = r.chance(0.4);
      const [name, unit] = r.pick(VENDOR_PEOPLE);
      const person = staff ? w.users.get(r.pick(trainees(store))) : undefined;
      await createEtiquetteCheck(await w.ctx('head'), {
        siteId: store.id,
        ...(person ? { personId: person.id } : { personName: name, personUnit: unit }),
        templateId: template.id,
        answers,
      });
      w.count(`etiquette.checks.${store.code}`);
    });
  }
}
