/** Where the merchant and the team read a store's products-left report; served by the HTTP server. */
export interface ReportLinks {
  /** Paginated JSON. */
  json: string;
  /** The products-left list as CSV. */
  csv: string;
  /** Product data (descriptions, image URLs) to keep. */
  export: string;
}

/** Builds the report links of a store from the server's public base URL. */
export function reportLinks(publicBaseUrl: string, storeId: string): ReportLinks {
  const base = `${publicBaseUrl.replace(/\/+$/, '')}/api/stores/${encodeURIComponent(storeId)}`;
  return {
    json: `${base}/products-left`,
    csv: `${base}/products-left.csv`,
    export: `${base}/product-export.csv`,
  };
}
