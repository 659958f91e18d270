// Nest turns any error thrown by a message handler into a generic "Internal server error"
// before the transport sees it. This filter hands the original error to the transport, which
// answers typed errors as themselves and logs anything unexpected.
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

@Catch()
export class RpcErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
