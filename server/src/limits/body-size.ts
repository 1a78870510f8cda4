// Refuses request bodies over the size limit from their Content-Length, before anything reads them (HTTP 413).
import type { Plugin } from 'graphql-yoga';

export function useBodySizeLimit(maxBodyBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared === null || Number(declared) <= maxBodyBytes) return;
      endResponse(
        fetchAPI.Response.json(
          {
            errors: [
              {
                message: `The request body is ${declared} bytes; at most ${maxBodyBytes} are accepted (ATLAS_MAX_BODY_BYTES).`,
                extensions: { code: 'PAYLOAD_TOO_LARGE' },
              },
            ],
          },
          { status: 413 },
        ),
      );
    },
  };
}
