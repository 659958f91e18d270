// Campaigns, instruction versions and the template library (DESIGN.md §2); schedules and alert
// rules come later. Commands and queries arrive over NATS as `campaigns.*` request/reply.
import { Module, type Type } from '@nestjs/common';
import { FieldworkModule, type ServiceConfig } from '@fieldwork/service-kit';
import { campaignsMigrations } from './infra/migrations/1732500000000-campaigns-read-model';
import { campaignsProjection } from './projections/campaigns-read-model/campaigns.projection';
import { CampaignsReadModel } from './projections/campaigns-read-model/campaigns.read-model';
import { ActivateInstructionVersionController } from './slices/activate-instruction-version/activate-instruction-version.nats.controller';
import { ArchiveCampaignController } from './slices/archive-campaign/archive-campaign.nats.controller';
import { CampaignHistoryController } from './slices/campaign-history/campaign-history.nats.controller';
import { CreateCampaignHandler } from './slices/create-campaign/create-campaign.handler';
import { CreateCampaignController } from './slices/create-campaign/create-campaign.nats.controller';
import { CreateInstructionVersionController } from './slices/create-instruction-version/create-instruction-version.nats.controller';
import { GetCampaignController } from './slices/get-campaign/get-campaign.nats.controller';
import { GetInstructionVersionController } from './slices/get-instruction-version/get-instruction-version.nats.controller';
import { ListCampaignsController } from './slices/list-campaigns/list-campaigns.nats.controller';
import { ListInstructionVersionsController } from './slices/list-instruction-versions/list-instruction-versions.nats.controller';
import { MarkInstructionTestingController } from './slices/mark-instruction-testing/mark-instruction-testing.nats.controller';
import { TemplatesController } from './slices/templates/templates.nats.controller';
import { UpdateCampaignController } from './slices/update-campaign/update-campaign.nats.controller';

export interface CampaignsModuleOptions {
  /** Overrides the environment (in-process tests). */
  config?: ServiceConfig;
}

export function createCampaignsModule(options: CampaignsModuleOptions = {}): Type<unknown> {
  @Module({
    imports: [
      FieldworkModule.forService({
        service: 'campaigns',
        config: options.config,
        migrations: campaignsMigrations,
        inlineProjections: [campaignsProjection],
      }),
    ],
    controllers: [
      CreateCampaignController,
      GetCampaignController,
      ListCampaignsController,
      UpdateCampaignController,
      ArchiveCampaignController,
      CampaignHistoryController,
      CreateInstructionVersionController,
      ListInstructionVersionsController,
      GetInstructionVersionController,
      MarkInstructionTestingController,
      ActivateInstructionVersionController,
      TemplatesController,
    ],
    providers: [CampaignsReadModel, CreateCampaignHandler],
  })
  class CampaignsModule {}
  return CampaignsModule;
}
