import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { DatasetsModule } from './datasets.module';

runService(DatasetsModule, { service: 'datasets' });
