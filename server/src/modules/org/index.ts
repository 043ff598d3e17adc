import type { FastifyPluginAsync } from 'fastify';
import { departmentRoutes } from './departments.routes.js';
import { locationImportRoutes } from './locations.import.js';
import { locationRoutes } from './locations.routes.js';
import { siteRoutes } from './sites.routes.js';
import { teamRoutes } from './teams.routes.js';

/** Organisation model: sites, locations, departments, teams. */
export const orgModule: FastifyPluginAsync = async (app) => {
  await app.register(siteRoutes);
  await app.register(locationRoutes);
  await app.register(locationImportRoutes);
  await app.register(departmentRoutes);
  await app.register(teamRoutes);
};

export { getDepartment, toDepartmentDto } from './departments.service.js';
export { type LocationRow, subtreeIdsQuery as locationSubtreeQuery } from './locations.repository.js';
export {
  describeLocations,
  getLocation,
  getLocationDetail,
  LOCATION_KIND_LABELS,
  type LocationDto,
  locationPathNames,
  locationPathsById,
  locationSubtreeIds,
  toLocationDto,
} from './locations.service.js';
// the public API other modules use (never the repositories or tables directly)
export { getSite, toSiteDto } from './sites.service.js';
export { getTeam, teamMemberIds, teamsOfUser, toTeamDto } from './teams.service.js';
