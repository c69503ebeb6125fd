import { z } from 'zod';
import { f } from '../lib/forms.ts';

/** Forward up the chain: the version the page showed and an optional covering note. */
export const ForwardForm = z.object({ version: f.id(), note: f.optText(2000) });
export type ForwardForm = z.infer<typeof ForwardForm>;

/** Send back down with a required reason. */
export const SendBackForm = z.object({ version: f.id(), reason: f.text(2000) });
export type SendBackForm = z.infer<typeof SendBackForm>;
