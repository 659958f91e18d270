// Routes that declare no `query` schema take no query parameters: anything sent there is a typo
// or a misunderstanding (`?status=paused` on a route that does not filter), so it is refused
// with the same 400 a route with a strict query schema gives, rather than silently ignored.
// Runs after the guard, so auth failures (401/403/429) still come first.
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { BadRequestError } from '@fieldwork/contracts';
import { ENDPOINT_METADATA, type EndpointSpec } from './endpoint-metadata';

@Injectable()
export class UndeclaredQueryInterceptor implements NestInterceptor {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const spec = this.reflector.get<EndpointSpec | undefined>(ENDPOINT_METADATA, context.getHandler());
      const names = Object.keys(context.switchToHttp().getRequest<Request>().query);
      if (spec && !spec.query && names.length > 0) {
        const issues = names.map((name) => ({
          path: name,
          message: `unknown query parameter "${name}"; this route takes no query parameters (see /docs)`,
        }));
        throw new BadRequestError(`Invalid query: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, issues);
      }
    }
    return next.handle();
  }
}
