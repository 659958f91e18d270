import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { CampaignsModule } from './campaigns.module';

runService(CampaignsModule, { service: 'campaigns' });
