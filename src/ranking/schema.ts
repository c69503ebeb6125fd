import { z } from 'zod';
import { f } from '../lib/forms.ts';

/** The publish form: the commander must tick that the results are final. */
export const PublishForm = z.object({
  confirm: f.checkbox().refine((v) => v, 'ranking.publish.confirmRequired'),
});
export type PublishForm = z.infer<typeof PublishForm>;
