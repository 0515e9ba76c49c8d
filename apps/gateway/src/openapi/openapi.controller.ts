import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, parseInput } from '@clusterplane/contracts';
import { APP_CONFIG, Public } from '@clusterplane/platform';
import type { GatewayConfig } from '../gateway.config';
import { mergeOpenApiDocuments } from './merge-openapi-documents';
import { OPENAPI_PARTS } from './openapi-parts';

/** Swagger UI's files we serve, and nothing else from its package. */
const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Clusterplane API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/swagger-initializer.js"></script>
</body>
</html>
`;

// A file of its own rather than an inline script, so the page works under a strict CSP.
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

const openApiQuery = z.object({ dialect: z.enum(OPENAPI_PARTS.map((p) => p.name) as [string, ...string[]]).optional() });

/** The API description (SPEC section 9) and Swagger UI over it; both need no token. */
@Public()
@Controller()
export class OpenApiController {
  private readonly swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  private readonly assets = new Map<string, Buffer>();

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  @Get('openapi.json')
  document(@Query() rawQuery: unknown): Record<string, unknown> {
    const { dialect } = parseInput(openApiQuery, rawQuery, 'query');
    const parts = dialect ? OPENAPI_PARTS.filter((p) => p.name === dialect) : OPENAPI_PARTS;
    const document = mergeOpenApiDocuments(
      {
        openapi: '3.0.3',
        info: { title: 'Clusterplane API', version: '1', description: 'Vendor-compatible cluster APIs over one fleet. Tokens: `npm run token -- --tenant <slug> --role <role>`.' },
        servers: [{ url: this.config.publicUrl }],
        security: [{ bearerAuth: [] }],
      },
      parts,
    );
    const schemes = (document['components'] as { securitySchemes?: Record<string, unknown> }).securitySchemes;
    if (!schemes?.['bearerAuth']) delete document['security'];
    return document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return DOCS_PAGE;
  }

  @Get('docs/swagger-initializer.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  initializer(): string {
    return INITIALIZER;
  }

  @Get('docs/:asset')
  async asset(@Param('asset') asset: string, @Res() reply: FastifyReply): Promise<void> {
    const type = Object.hasOwn(SWAGGER_ASSETS, asset) ? SWAGGER_ASSETS[asset] : undefined;
    if (!type) throw AppError.notFound(`docs asset ${asset}`);
    let content = this.assets.get(asset);
    if (!content) {
      content = await readFile(join(this.swaggerDir, asset));
      this.assets.set(asset, content);
    }
    await reply.header('content-type', type).header('cache-control', 'public, max-age=3600').send(content);
  }
}
