// `npx nx run gateway:openapi`: regenerates services/gateway/openapi.json (committed, so API
// changes show as a diff; a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument, OPENAPI_PATH, serializeOpenApi } from './openapi-document';

generateOpenApiDocument()
  .then((document) => {
    writeFileSync(join(__dirname, '..', '..', '..', OPENAPI_PATH), serializeOpenApi(document));
    console.log(`wrote ${OPENAPI_PATH} (${Object.keys(document.paths).length} paths)`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
