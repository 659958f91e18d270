// campaigns.templates.list / campaigns.templates.get: the built-in template library.
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { NotFoundError } from '@fieldwork/contracts';
import { findTemplate, TEMPLATES } from '../../domain/templates';
import { parseInput } from '../shared/inputs';

const getTemplateInput = z.object({ templateId: z.string().min(1).max(100) }).strict();

@Controller()
export class TemplatesController {
  @MessagePattern('campaigns.templates.list')
  list() {
    return { items: TEMPLATES, nextCursor: null };
  }

  @MessagePattern('campaigns.templates.get')
  get(@Payload() payload: unknown) {
    const { templateId } = parseInput(getTemplateInput, payload);
    const template = findTemplate(templateId);
    if (!template) throw new NotFoundError('Template', templateId);
    return template;
  }
}
