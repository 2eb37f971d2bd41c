import { buildSchema } from 'graphql';

/**
 * The slice of the Admin GraphQL schema (shopify.dev/docs/api/admin-graphql)
 * the adapter and @shopify/shopify-api use. Types, field names, nullability and
 * arguments follow the documentation, so a query that names a field Shopify
 * does not have fails here as it would there.
 */
export const adminSchema = buildSchema(/* GraphQL */ `
  scalar DateTime
  scalar URL
  scalar Decimal
  scalar Money
  scalar HTML
  scalar UnsignedInt64

  interface Node {
    id: ID!
  }

  enum CurrencyCode {
    USD
    EUR
    GBP
    CAD
    AUD
    JPY
    CHF
    SEK
    NOK
    DKK
    PLN
    CZK
    NZD
    SGD
    HKD
    MXN
    BRL
    INR
  }
  enum AppSubscriptionStatus {
    ACTIVE
    CANCELLED
    DECLINED
    EXPIRED
    FROZEN
    PENDING
    ACCEPTED
  }
  enum AppPricingInterval {
    EVERY_30_DAYS
    ANNUAL
  }
  enum AppSubscriptionReplacementBehavior {
    APPLY_IMMEDIATELY
    APPLY_ON_NEXT_BILLING_CYCLE
    STANDARD
  }
  enum AppPurchaseStatus {
    ACTIVE
    DECLINED
    EXPIRED
    PENDING
    ACCEPTED
  }
  enum AppTransactionSortKeys {
    CREATED_AT
    ID
  }
  enum ProductStatus {
    ACTIVE
    ARCHIVED
    DRAFT
    UNLISTED
  }
  enum FileContentType {
    IMAGE
    VIDEO
    EXTERNAL_VIDEO
    MODEL_3D
    FILE
  }
  enum OrderSortKeys {
    CREATED_AT
    UPDATED_AT
    PROCESSED_AT
    ID
    ORDER_NUMBER
  }
  enum OrderDisplayFinancialStatus {
    AUTHORIZED
    EXPIRED
    PAID
    PARTIALLY_PAID
    PARTIALLY_REFUNDED
    PENDING
    REFUNDED
    VOIDED
  }
  enum OrderDisplayFulfillmentStatus {
    FULFILLED
    IN_PROGRESS
    ON_HOLD
    OPEN
    PARTIALLY_FULFILLED
    PENDING_FULFILLMENT
    REQUEST_DECLINED
    RESTOCKED
    SCHEDULED
    UNFULFILLED
  }
  enum ProductSetUserErrorCode {
    BLANK
    INVALID
    TAKEN
    PRODUCT_DOES_NOT_EXIST
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
  type UserError {
    field: [String!]
    message: String!
  }
  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }
  input MoneyInput {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }

  type AppSubscriptionDiscountAmount {
    amount: MoneyV2!
  }
  type AppSubscriptionDiscountPercentage {
    percentage: Float!
  }
  union AppSubscriptionDiscountValue = AppSubscriptionDiscountAmount | AppSubscriptionDiscountPercentage
  type AppSubscriptionDiscount {
    durationLimitInIntervals: Int
    remainingDurationInIntervals: Int
    priceAfterDiscount: MoneyV2!
    value: AppSubscriptionDiscountValue!
  }
  type AppRecurringPricing {
    interval: AppPricingInterval!
    price: MoneyV2!
    discount: AppSubscriptionDiscount
    planHandle: String
  }
  type AppUsagePricing {
    balanceUsed: MoneyV2!
    cappedAmount: MoneyV2!
    interval: AppPricingInterval!
    terms: String!
  }
  union AppPricingDetails = AppRecurringPricing | AppUsagePricing
  type AppPlanV2 {
    pricingDetails: AppPricingDetails!
  }
  type AppSubscriptionLineItem {
    id: ID!
    plan: AppPlanV2!
  }

  type AppSubscription implements Node {
    id: ID!
    name: String!
    status: AppSubscriptionStatus!
    test: Boolean!
    trialDays: Int!
    createdAt: DateTime!
    currentPeriodEnd: DateTime
    returnUrl: URL!
    lineItems: [AppSubscriptionLineItem!]!
  }

  type AppPurchaseOneTime implements Node {
    id: ID!
    name: String!
    test: Boolean!
    status: AppPurchaseStatus!
    createdAt: DateTime!
  }
  type AppPurchaseOneTimeEdge {
    cursor: String!
    node: AppPurchaseOneTime!
  }
  type AppPurchaseOneTimeConnection {
    edges: [AppPurchaseOneTimeEdge!]!
    nodes: [AppPurchaseOneTime!]!
    pageInfo: PageInfo!
  }

  type AppInstallation implements Node {
    id: ID!
    activeSubscriptions: [AppSubscription!]!
    oneTimePurchases(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean
      sortKey: AppTransactionSortKeys
    ): AppPurchaseOneTimeConnection!
  }

  type Shop implements Node {
    id: ID!
    name: String!
    email: String!
    myshopifyDomain: String!
    currencyCode: CurrencyCode!
  }

  type ProductVariant implements Node {
    id: ID!
    title: String!
    sku: String
    price: Money!
  }
  type ProductVariantConnection {
    nodes: [ProductVariant!]!
    pageInfo: PageInfo!
  }

  type Product implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    title: String!
    handle: String!
    description: String!
    descriptionHtml: HTML!
    status: ProductStatus!
    vendor: String!
    productType: String!
    tags: [String!]!
    createdAt: DateTime!
    updatedAt: DateTime!
    publishedAt: DateTime
    onlineStoreUrl: URL
    variants(first: Int, after: String): ProductVariantConnection!
  }

  type Customer implements Node {
    id: ID!
    email: String
    firstName: String
    lastName: String
  }
  type LineItem implements Node {
    id: ID!
    sku: String
    quantity: Int!
    title: String!
    product: Product
    variant: ProductVariant
  }
  type LineItemConnection {
    nodes: [LineItem!]!
    pageInfo: PageInfo!
  }
  type Order implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    email: String
    createdAt: DateTime!
    updatedAt: DateTime!
    cancelledAt: DateTime
    displayFinancialStatus: OrderDisplayFinancialStatus
    displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    customer: Customer
    lineItems(first: Int, after: String): LineItemConnection!
  }
  type OrderEdge {
    cursor: String!
    node: Order!
  }
  type OrderConnection {
    edges: [OrderEdge!]!
    nodes: [Order!]!
    pageInfo: PageInfo!
  }

  type Query {
    shop: Shop!
    currentAppInstallation: AppInstallation!
    node(id: ID!): Node
    product(id: ID!): Product
    order(id: ID!): Order
    orders(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean
      sortKey: OrderSortKeys
    ): OrderConnection!
  }

  input AppSubscriptionDiscountValueInput {
    amount: Decimal
    percentage: Float
  }
  input AppSubscriptionDiscountInput {
    durationLimitInIntervals: Int
    value: AppSubscriptionDiscountValueInput
  }
  input AppRecurringPricingInput {
    interval: AppPricingInterval
    price: MoneyInput!
    discount: AppSubscriptionDiscountInput
    planHandle: String
  }
  input AppUsagePricingInput {
    cappedAmount: MoneyInput!
    terms: String!
  }
  input AppPlanInput {
    appRecurringPricingDetails: AppRecurringPricingInput
    appUsagePricingDetails: AppUsagePricingInput
  }
  input AppSubscriptionLineItemInput {
    plan: AppPlanInput!
  }
  type AppSubscriptionCreatePayload {
    appSubscription: AppSubscription
    confirmationUrl: URL
    userErrors: [UserError!]!
  }
  type AppSubscriptionCancelPayload {
    appSubscription: AppSubscription
    userErrors: [UserError!]!
  }

  input OptionValueSetInput {
    id: ID
    name: String
  }
  input OptionSetInput {
    id: ID
    name: String
    position: Int
    values: [OptionValueSetInput!]
  }
  input VariantOptionValueInput {
    id: ID
    name: String
    optionId: ID
    optionName: String
  }
  input ProductVariantSetInput {
    id: ID
    optionValues: [VariantOptionValueInput!]!
    price: Money
    compareAtPrice: Money
    sku: String
    barcode: String
  }
  input FileSetInput {
    id: ID
    originalSource: String
    contentType: FileContentType
    alt: String
    filename: String
  }
  input ProductSetInput {
    id: ID
    handle: String
    title: String
    descriptionHtml: String
    vendor: String
    productType: String
    status: ProductStatus
    tags: [String!]
    productOptions: [OptionSetInput!]
    variants: [ProductVariantSetInput!]
    files: [FileSetInput!]
  }
  type ProductSetUserError {
    field: [String!]
    message: String!
    code: ProductSetUserErrorCode
  }
  type ProductSetOperation implements Node {
    id: ID!
    product: Product
    userErrors: [ProductSetUserError!]!
  }
  type ProductSetPayload {
    product: Product
    productSetOperation: ProductSetOperation
    userErrors: [ProductSetUserError!]!
  }

  input ProductCreateInput {
    title: String
    handle: String
    descriptionHtml: String
    vendor: String
    productType: String
    status: ProductStatus
    tags: [String!]
  }
  input CreateMediaInput {
    originalSource: String!
    mediaContentType: String!
    alt: String
  }
  type ProductCreatePayload {
    product: Product
    userErrors: [UserError!]!
  }

  type Mutation {
    appSubscriptionCreate(
      name: String!
      returnUrl: URL!
      lineItems: [AppSubscriptionLineItemInput!]!
      test: Boolean
      trialDays: Int
      replacementBehavior: AppSubscriptionReplacementBehavior = STANDARD
    ): AppSubscriptionCreatePayload
    appSubscriptionCancel(id: ID!, prorate: Boolean): AppSubscriptionCancelPayload
    productSet(input: ProductSetInput!, synchronous: Boolean = true): ProductSetPayload
    productCreate(product: ProductCreateInput, media: [CreateMediaInput!]): ProductCreatePayload
  }
`);
