// The built-in template library (served by the campaigns service).
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentCaller, type Caller } from '../../http/caller';
import { Endpoint } from '../../http/endpoint';
import { ServiceForwarder } from '../../http/forward';
import { ValidParams } from '../../http/input';
import { schemaRef } from '../../http/openapi';
import { pageOf } from '../../http/pagination';
import { COLUMN_TYPES } from '../campaigns/campaign.schemas';

const templateSchema = z.object({
  id: z.string().describe('Pass as templateId when creating a campaign'),
  name: z.string(),
  purpose: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  columns: z.array(
    z.object({ name: z.string(), type: z.enum(COLUMN_TYPES), description: z.string(), required: z.boolean(), enumValues: z.array(z.string()) }),
  ),
  instructions: z.object({ promptText: z.string(), changeDescription: z.string() }).describe('Starter instructions'),
});

const templateParams = z.object({ templateId: z.string().min(1).max(100).regex(/^[a-z0-9-]+$/, 'is not a template id (e.g. "product-catalogue")') }).strict();

@ApiTags('templates')
@Controller('v1/templates')
export class TemplatesController {
  constructor(@Inject(ServiceForwarder) private readonly services: ServiceForwarder) {}

  @Endpoint('GET', '', {
    summary: 'The built-in campaign templates',
    access: 'viewer',
    response: { description: 'Every template (one page)', schema: schemaRef('TemplatePage', pageOf(templateSchema)) },
  })
  listTemplates(@CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'campaigns.templates.list', {});
  }

  @Endpoint('GET', ':templateId', {
    summary: 'One template with its columns and starter instructions',
    access: 'viewer',
    params: templateParams,
    response: { description: 'The template', schema: schemaRef('Template', templateSchema) },
  })
  getTemplate(@ValidParams() params: z.infer<typeof templateParams>, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'campaigns.templates.get', params);
  }
}
