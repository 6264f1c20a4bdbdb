/** Request schema of the CLI audit log's channel. */
import { z } from 'zod';

export const auditListSchema = z
  .object({
    text: z.string().max(200).optional(),
    decision: z.enum(['handed-out', 'refused', 'failed']).optional(),
  })
  .strict();
