import { Navigate, useLocation } from 'react-router';
import { PATHS } from './types';

/**
 * /safety opens the overview at /safety/overview: the menu group is keyed 'safety' (the
 * incident, drill and training modules join it), so the overview's menu leaf cannot be.
 */
export default function OverviewRedirect() {
  const { search } = useLocation();
  return <Navigate to={`${PATHS.overview}${search}`} replace />;
}
