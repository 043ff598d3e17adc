/** The projects API as the pages use it, declared once in contracts/projects.ts. Money is integer fen; days are YYYY-MM-DD. */

export type {
  ProjectDetailDto as ProjectDetail,
  ProjectDto as Project,
  ProjectUpdateDto as ProjectUpdate,
} from '../../../../contracts/projects';
export * from '../../../../contracts/projects';
