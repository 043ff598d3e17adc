/**
 * Projects (改造/施工/安装项目): the values their enumerated fields take and the shapes
 * the server answers with. Money is integer fen; plan and acceptance days are calendar
 * days `YYYY-MM-DD` in the site's time zone. The life cycle is in
 * server/src/modules/projects/projects.state.ts.
 */

/** a fixed list rather than a dictionary, so that counts by type stay comparable */
export const PROJECT_TYPES = ['renovation', 'construction', 'installation', 'other'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const PROJECT_STATUSES = ['planned', 'in_progress', 'suspended', 'accepting', 'accepted', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_ACTIONS = ['start', 'suspend', 'resume', 'submit', 'accept', 'reject', 'cancel'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export interface ProjectDto {
  id: string;
  number: string;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  name: string;
  type: ProjectType;
  description: string | null;
  budget: number;
  contractor: string | null;
  contractorContact: string | null;
  managerId: string | null;
  managerName: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  progress: number;
  status: ProjectStatus;
  overdue: boolean;
  acceptanceNote: string | null;
  acceptedBy: string | null;
  acceptedByName: string | null;
  acceptedAt: string | null;
  acceptedOn: string | null;
  actualCost: number | null;
  cancelReason: string | null;
  cancelledAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ProjectDetailDto extends ProjectDto {
  /** the steps the signed-in person may take now */
  actions: ProjectAction[];
  canEdit: boolean;
  canReport: boolean;
}

export interface ProjectUpdateDto {
  id: string;
  at: string;
  authorId: string | null;
  authorName: string | null;
  /** 'progress', 'create' or an action */
  kind: string;
  fromStatus: ProjectStatus | null;
  toStatus: ProjectStatus | null;
  progress: number | null;
  note: string | null;
}
