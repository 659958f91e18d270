import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { createDatasetsModule } from './datasets.module';

runService(createDatasetsModule(), { service: 'datasets' });
