import type { SiteKind } from './catalog.js';
import type { Rng } from './random.js';

/**
 * The buildings, floors and rooms of a generated site, by kind and size (a department
 * store's sales floors and plant rooms, a school's classrooms, a hospital's wards, a
 * hotel's guest rooms…). Each room says which repair categories it attracts, so that a
 * leaking pipe is reported from a toilet or a pump room rather than from a classroom.
 */
export interface RoomTpl {
  name: string;
  kind: 'room' | 'area';
  /** how many requests come from here, relative to an ordinary room */
  weight: number;
  /** repair categories this place attracts */
  tags: string[];
}

export interface FloorTpl {
  code: string;
  name: string;
  rooms: RoomTpl[];
}

export interface BuildingTpl {
  name: string;
  floors: FloorTpl[];
}

/** Which repair categories a place of this name attracts (more than the site's usual mix). */
export function tagsOf(name: string): string[] {
  const tags: string[] = [];
  const has = (re: RegExp) => re.test(name);
  if (has(/卫生间|水泵|洗衣|开水|洗消|污物|锅炉|浴室|冷却|消防水池|处置/)) tags.push('plumbing');
  if (has(/配电|强电|机房|冷冻|排烟|锅炉|氧气|停车/)) tags.push('power');
  if (has(/空调|冷冻|机房|冷却|客房|病房|宴会|会议|影院|候诊|大堂/)) tags.push('hvac');
  if (has(/厨房|操作|主食|面点|备餐|冷库|餐厅|食堂|配餐|美食/)) tags.push('kitchen');
  if (has(/电梯|扶梯/)) tags.push('elevator');
  if (has(/弱电|监控|收银|服务台|前台|计算机|商务|护士站|挂号/)) tags.push('low_voltage', 'network');
  if (has(/消防|疏散/)) tags.push('fire');
  if (has(/办公|会议|档案|教室|班|实验室|前台|服务台|商务/)) tags.push('office', 'network');
  if (has(/客房|病房|宿舍|班|包间|更衣|库房|办公/)) tags.push('doors_hardware');
  if (has(/区|走廊|通道|大堂|停车|场|台阶/)) tags.push('building');
  return tags;
}

const room = (name: string, weight = 1, kind: 'room' | 'area' = 'room'): RoomTpl => ({ name, kind, weight, tags: tagsOf(name) });
const area = (name: string, weight = 1) => room(name, weight, 'area');
const many = (n: number, make: (i: number) => RoomTpl): RoomTpl[] =>
  Array.from({ length: Math.max(1, Math.round(n)) }, (_, i) => make(i + 1));
const floorName = (code: string) =>
  code.startsWith('B') ? `地下${'一二三'[Number(code.slice(1)) - 1]}层` : `${floorCn(Number(code.replace('F', '')))}层`;
const floorCn = (n: number) => (n <= 10 ? '一二三四五六七八九十'[n - 1] : n < 20 ? `十${'一二三四五六七八九'[n - 11]}` : String(n));
const floor = (code: string, rooms: RoomTpl[]): FloorTpl => ({ code, name: floorName(code), rooms });
const nn = (i: number) => String(i).padStart(2, '0');

/** the common rooms of any floor of a public building */
const services = (f: number) => [
  room('男卫生间', 2),
  room('女卫生间', 2),
  room('强电间', 0.6),
  room('弱电间', 0.5),
  area('消防通道', 0.3),
  area(`电梯厅${f}`, 0.8),
];

function store(size: number, rng: Rng): BuildingTpl[] {
  const sales = ['女装区', '男装区', '童装区', '运动区', '家电区', '家居区', '鞋包区', '内衣区', '户外区', '钟表区'];
  const upper = Math.min(8, 4 + Math.round(size * 1.5));
  const floors: FloorTpl[] = [
    floor('B2', [
      ...many(3 * size, (i) => area(`停车区${i}`, 0.5)),
      room('配电室', 2),
      room('水泵房', 1.5),
      room('冷冻站', 1.5),
      room('消防水池', 0.3),
    ]),
    floor('B1', [
      ...many(2 * size, (i) => area(`超市区${i}`, 1.5)),
      area('美食广场', 2),
      room('库房1', 0.5),
      room('库房2', 0.5),
      area('卸货区', 0.6),
      ...services(-1),
    ]),
    floor('1F', [
      area('化妆品区', 1.5),
      area('珠宝区', 1),
      area('服务台', 1),
      room('消防控制室', 0.8),
      area('自动扶梯', 1.2),
      ...services(1),
    ]),
  ];
  for (let f = 2; f <= upper; f++) {
    const count = Math.round(3 + size * 2 + rng.next() * 2);
    const rooms = many(count, (i) => area(`${rng.pick(sales)}${f}${nn(i)}`, 1.2));
    if (f === upper) rooms.push(area('餐饮区', 2), room('厨房', 1.5), room('排烟机房', 0.8), area('影院', 1));
    rooms.push(room(`空调机房${f}`, 1.2), area('收银台', 0.8), room('茶水间', 0.4), ...services(f));
    floors.push(floor(`${f}F`, rooms));
  }
  return [
    { name: '商场主楼', floors },
    {
      name: '办公后区',
      floors: [
        floor('1F', [room('员工餐厅', 1.5), room('更衣室', 0.6), room('监控室', 0.8), ...many(2, (i) => room(`库房${i}`, 0.4))]),
        floor('2F', [
          ...many(3 + size, (i) => room(`办公室2${nn(i)}`, 0.6)),
          room('会议室', 0.5),
          room('男卫生间', 1),
          room('女卫生间', 1),
        ]),
      ],
    },
  ];
}

function campus(size: number): BuildingTpl[] {
  const classes = Math.round(3 + 3 * size);
  const teaching = (name: string, grades: number[]): BuildingTpl => ({
    name,
    floors: grades.map((g, f) =>
      floor(`${f + 1}F`, [
        ...many(classes, (i) => room(`${'一二三四五六'[g - 1]}年级(${i})班`, 1)),
        room('教师办公室', 0.8),
        room('男卫生间', 1.5),
        room('女卫生间', 1.5),
        room('开水间', 0.6),
        area('走廊', 0.4),
      ]),
    ),
  });
  return [
    teaching('教学楼A', [1, 2, 3]),
    teaching('教学楼B', [4, 5, 6]),
    {
      name: '实验楼',
      floors: [
        floor('1F', [room('物理实验室', 1), room('化学实验室', 1.2), room('生物实验室', 0.8), room('配电室', 1)]),
        floor('2F', [room('计算机教室1', 1.2), room('计算机教室2', 1.2), room('音乐教室', 0.6), room('美术教室', 0.6)]),
        floor('3F', [room('图书室', 0.6), room('多功能厅', 0.8), room('男卫生间', 1), room('女卫生间', 1)]),
      ],
    },
    {
      name: '行政楼',
      floors: [
        floor('1F', [room('传达室', 0.5), room('校医室', 0.6), room('监控室', 0.6), room('档案室', 0.3)]),
        floor('2F', [...many(4, (i) => room(`办公室2${nn(i)}`, 0.6)), room('会议室', 0.8)]),
      ],
    },
    {
      name: '食堂',
      floors: [
        floor('1F', [room('操作间', 3), room('备餐间', 1.5), area('就餐区', 1.2), room('库房', 0.5), room('洗消间', 1.5), room('冷库', 1)]),
      ],
    },
    {
      name: '学生宿舍楼',
      floors: Array.from({ length: 5 }, (_, f) =>
        floor(`${f + 1}F`, [...many(6 * size, (i) => room(`宿舍${f + 1}${nn(i)}`, 0.8)), room('浴室', 1.5), room('洗衣房', 0.8)]),
      ),
    },
    { name: '体育馆', floors: [floor('1F', [area('篮球场', 0.6), room('器材室', 0.4), room('更衣室', 0.6)])] },
  ];
}

function hospital(size: number): BuildingTpl[] {
  const wards = Math.min(16, Math.round(6 + 5 * size));
  return [
    {
      name: '门诊楼',
      floors: [
        floor('1F', [area('挂号收费处', 1.5), area('候诊区1', 1.2), room('药房', 1), area('自动扶梯', 1), ...services(1)]),
        ...[2, 3, 4].map((f) =>
          floor(`${f}F`, [
            area(`候诊区${f}`, 1.2),
            room('护士站', 1),
            ...many(4 + 2 * size, (i) => room(`诊室${f}${nn(i)}`, 0.8)),
            ...services(f),
          ]),
        ),
        floor('5F', [room('检验科', 1.5), room('放射科', 1.2), room('B超室', 0.8), ...services(5)]),
      ],
    },
    {
      name: '住院楼',
      floors: Array.from({ length: wards }, (_, i) => {
        const f = i + 1;
        return floor(`${f}F`, [
          room('护士站', 1.2),
          room('医生办公室', 0.6),
          room('处置室', 0.8),
          room('配餐间', 0.8),
          room('污物间', 0.8),
          ...many(14 + 4 * size, (r) => room(`病房${f}${nn(r)}`, 1)),
          ...services(f),
        ]);
      }),
    },
    {
      name: '医技楼',
      floors: [
        floor('1F', [room('CT室', 1), room('核磁室', 1), room('供应室', 1)]),
        floor('2F', [...many(4, (i) => room(`手术室${i}`, 1.5)), room('ICU', 1.5), ...services(2)]),
      ],
    },
    {
      name: '后勤楼',
      floors: [
        floor('1F', [room('锅炉房', 1.5), room('配电室', 1.5), room('空调机房', 1.5), room('污水处理站', 1), room('氧气站', 0.8)]),
        floor('2F', [room('洗衣房', 1.2), room('职工食堂', 1.5), room('库房', 0.4), room('工程部办公室', 0.4)]),
      ],
    },
  ];
}

function hotel(size: number): BuildingTpl[] {
  const guestFloors = Math.min(18, Math.round(4 + 6 * size));
  const perFloor = Math.round(14 + 6 * size);
  const floors: FloorTpl[] = [
    floor('B1', [
      room('配电室', 1.5),
      room('水泵房', 1.2),
      room('洗衣房', 1.5),
      room('员工餐厅', 1),
      room('空调机房', 1.2),
      room('库房', 0.4),
    ]),
    floor('1F', [area('大堂', 1.2), area('前台', 1), area('大堂吧', 0.8), room('行李房', 0.3), room('商务中心', 0.5), ...services(1)]),
    floor('2F', [room('中餐厅', 1.5), room('宴会厅', 1.2), ...many(6, (i) => room(`包间2${nn(i)}`, 0.6)), room('厨房', 3), ...services(2)]),
  ];
  for (let f = 3; f < 3 + guestFloors; f++) {
    floors.push(
      floor(`${f}F`, [
        ...many(perFloor, (i) => room(`客房${f}${nn(i)}`, 1)),
        room('布草间', 0.4),
        area('走廊', 0.4),
        area(`电梯厅${f}`, 0.6),
      ]),
    );
  }
  return [{ name: '客房主楼', floors }];
}

function canteen(size: number): BuildingTpl[] {
  return [
    {
      name: '食堂楼',
      floors: [
        floor('1F', [
          room('操作间', 4),
          room('主食间', 2),
          room('面点间', 2),
          room('备餐间', 1.5),
          room('洗消间', 2),
          ...many(1 + size, (i) => area(`就餐区${i}`, 1)),
          room('库房', 0.6),
          room('冷库', 1.5),
          room('更衣室', 0.4),
        ]),
        floor('2F', [
          ...many(1 + size, (i) => area(`就餐区2${nn(i)}`, 1)),
          ...many(4, (i) => room(`包间2${nn(i)}`, 0.5)),
          room('办公室', 0.3),
        ]),
      ],
    },
  ];
}

function office(size: number): BuildingTpl[] {
  const upper = Math.min(20, Math.round(4 + 6 * size));
  const floors: FloorTpl[] = [
    floor('B1', [area('地下车库', 0.6), room('配电室', 1.5), room('水泵房', 1), room('空调机房', 1.2)]),
    floor('1F', [area('大堂', 1), area('前台', 0.8), room('消防控制室', 0.6), ...services(1)]),
  ];
  for (let f = 2; f <= upper; f++) {
    floors.push(
      floor(`${f}F`, [
        ...many(3, (i) => area(`办公区${f}${nn(i)}`, 1.2)),
        room(`会议室${f}01`, 0.8),
        room(`会议室${f}02`, 0.8),
        room('茶水间', 0.6),
        ...services(f),
      ]),
    );
  }
  return [{ name: '办公大楼', floors }];
}

export function buildingsFor(kind: SiteKind, size: number, rng: Rng): BuildingTpl[] {
  switch (kind) {
    case 'store':
      return store(size, rng);
    case 'campus':
      return campus(size);
    case 'hospital':
      return hospital(size);
    case 'hotel':
      return hotel(size);
    case 'canteen':
      return canteen(size);
    case 'office':
      return office(size);
  }
}
