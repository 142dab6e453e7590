/**
 * The checkout's option objects: the product options it overrides and the look and behaviour of its page.
 * Upstream strings that are `""` when unset are null here.
 */
import type { LemonCheckoutAttributes } from '../types.js';
import { builder } from '../../../schema/builder.js';
import { blank } from './shared.js';

type ProductOptions = NonNullable<LemonCheckoutAttributes['product_options']>;
type CheckoutOptions = NonNullable<LemonCheckoutAttributes['checkout_options']>;

export const LemonSqueezyProductOptions = builder.objectRef<ProductOptions>('LemonSqueezyProductOptions').implement({
  description: 'Product options the checkout overrides (`product_options`). Null means "not overridden".',
  fields: (t) => ({
    name: t.string({ nullable: true, description: 'Custom product name (`name`).', resolve: (o) => blank(o.name) }),
    description: t.string({
      nullable: true,
      description: 'Custom product description (`description`, HTML).',
      resolve: (o) => blank(o.description),
    }),
    media: t.stringList({
      description: 'Image URLs used as the product media (`media`); empty when not overridden.',
      resolve: (o) => o.media ?? [],
    }),
    redirectUrl: t.string({
      nullable: true,
      description: 'Where the buyer goes after a successful purchase (`redirect_url`).',
      resolve: (o) => blank(o.redirect_url),
    }),
    receiptButtonText: t.string({
      nullable: true,
      description: 'Text of the receipt email button (`receipt_button_text`).',
      resolve: (o) => blank(o.receipt_button_text),
    }),
    receiptLinkUrl: t.string({
      nullable: true,
      description: 'URL of the receipt email button (`receipt_link_url`).',
      resolve: (o) => blank(o.receipt_link_url),
    }),
    receiptThankYouNote: t.string({
      nullable: true,
      description: 'Thank-you note of the receipt email (`receipt_thank_you_note`).',
      resolve: (o) => blank(o.receipt_thank_you_note),
    }),
    enabledVariants: t.intList({
      description: 'Variant ids offered on this checkout (`enabled_variants`); empty means every variant of the product.',
      resolve: (o) => o.enabled_variants ?? [],
    }),
    confirmationTitle: t.string({
      nullable: true,
      description: 'Title of the payment-success alert (`confirmation_title`; undocumented, seen in live responses).',
      resolve: (o) => blank(o.confirmation_title),
    }),
    confirmationMessage: t.string({
      nullable: true,
      description: 'Message of the payment-success alert (`confirmation_message`; undocumented).',
      resolve: (o) => blank(o.confirmation_message),
    }),
    confirmationButtonText: t.string({
      nullable: true,
      description: 'Button text of the payment-success alert (`confirmation_button_text`; undocumented).',
      resolve: (o) => blank(o.confirmation_button_text),
    }),
  }),
});

const flag = (key: keyof CheckoutOptions & string, meaning: string) => ({ key, meaning });
const FLAGS = {
  embed: flag('embed', 'If true, the checkout opens as an overlay'),
  media: flag('media', 'If false, the product media is hidden'),
  logo: flag('logo', 'If false, the store logo is hidden'),
  desc: flag('desc', 'If false, the product description is hidden'),
  discount: flag('discount', 'If false, the discount code field is hidden'),
  skipTrial: flag('skip_trial', 'If true, a subscription starts without its free trial'),
  subscriptionPreview: flag('subscription_preview', 'If false, the "You will be charged…" subscription preview text is hidden'),
  dark: flag('dark', 'Deprecated: if true, the dark theme is used'),
} as const;

const COLOURS = {
  backgroundColor: ['background_color', 'the page background'],
  headingsColor: ['headings_color', 'headings'],
  primaryTextColor: ['primary_text_color', 'primary text'],
  secondaryTextColor: ['secondary_text_color', 'secondary text'],
  linksColor: ['links_color', 'links'],
  bordersColor: ['borders_color', 'borders'],
  checkboxColor: ['checkbox_color', 'checkboxes'],
  activeStateColor: ['active_state_color', 'active states'],
  buttonColor: ['button_color', 'the checkout button'],
  buttonTextColor: ['button_text_color', 'the checkout button text'],
  termsPrivacyColor: ['terms_privacy_color', 'the terms and privacy links'],
} as const;

export const LemonSqueezyCheckoutOptions = builder.objectRef<CheckoutOptions>('LemonSqueezyCheckoutOptions').implement({
  description:
    'How the checkout page looks and behaves (`checkout_options`). The upstream sends different keys for different ' +
    'checkouts, so each field is null when its key is absent.',
  fields: (t) => ({
    ...Object.fromEntries(
      Object.entries(FLAGS).map(([name, { key, meaning }]) => [
        name,
        t.boolean({
          nullable: true,
          description: `${meaning} (\`${key}\`).`,
          resolve: (o) => {
            const value = o[key];
            return typeof value === 'boolean' ? value : null;
          },
        }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(COLOURS).map(([name, [key, what]]) => [
        name,
        t.string({ nullable: true, description: `Hex colour of ${what}, e.g. \`#7047EB\` (\`${key}\`).`, resolve: (o) => blank(o[key]) }),
      ]),
    ),
    quantity: t.int({
      nullable: true,
      description: 'Quantity option (`quantity`; undocumented, typed as a number by the official SDK).',
      resolve: (o) => (typeof o.quantity === 'number' && Number.isInteger(o.quantity) ? o.quantity : null),
    }),
  }),
});
