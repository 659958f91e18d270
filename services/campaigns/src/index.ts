// What tools (e2e harness, benchmarks) may use to start the campaigns service in-process.
export { createCampaignsModule, type CampaignsModuleOptions } from './campaigns.module';
export { TEMPLATES, type CampaignTemplate } from './domain/templates';
export type { CampaignView, HistoryEntryView, InstructionVersionView, Page } from './projections/campaigns-read-model/views';
