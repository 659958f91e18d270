import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { createCampaignsModule } from './campaigns.module';

runService(createCampaignsModule(), { service: 'campaigns' });
