// Campaigns, instruction versions, schedules, alert rules and templates (DESIGN.md §2).
import { Module } from '@nestjs/common';
import { FieldworkModule } from '@fieldwork/service-kit';

@Module({ imports: [FieldworkModule.forService({ service: 'campaigns' })] })
export class CampaignsModule {}
