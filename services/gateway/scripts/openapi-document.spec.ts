// The committed OpenAPI document is valid OpenAPI 3 and matches what the routes declare now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { generateOpenApiDocument, OPENAPI_PATH, serializeOpenApi } from './openapi-document';

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3 and the committed copy is current (regenerate: npx nx run gateway:openapi)', async () => {
    const document = await generateOpenApiDocument();
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    const committed = readFileSync(join(__dirname, '..', '..', '..', OPENAPI_PATH), 'utf8');
    expect(committed).toBe(serializeOpenApi(document));
  });
});
