/** Imports every type file (for their side effects on the builder) and builds the schema. */
import { builder } from './builder.js';
import './scalars.js';
import './money.js';
import './enums.js';
import './checkout-interface.js';
import './checkouts.js';
import './total-count.js';
import './zenskar.js';
import './stateset.js';
import './lemonsqueezy.js';

export const schema = builder.toSchema({ sortSchema: true });
