// Path parameters shared by several route files.
import { z } from 'zod';

export const KioskParams = z.object({ id: z.string().min(1).max(64).describe('The kiosk id, e.g. K-001') });
