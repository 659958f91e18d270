import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { ResultsModule } from './results.module';

runService(ResultsModule, { service: 'results' });
