// Every HTTP area of the gateway, one folder each (routes/<area>/<area>.routes.ts, a Nest
// module of its controllers). Adding an area = its folder + one line here; conventions in
// docs/api-conventions.md.
import { CampaignsRoutes } from './campaigns/campaigns.routes';
import { DatasetsRoutes } from './datasets/datasets.routes';
import { HealthRoutes } from './health/health.routes';
import { MeRoutes } from './me/me.routes';
import { OrganizationsRoutes } from './organizations/organizations.routes';
import { PreviewRoutes } from './preview/preview.routes';
import { TemplatesRoutes } from './templates/templates.routes';

export const ROUTE_MODULES = [HealthRoutes, OrganizationsRoutes, MeRoutes, CampaignsRoutes, TemplatesRoutes, DatasetsRoutes, PreviewRoutes];
