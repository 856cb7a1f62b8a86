export type TrustedRange = { readonly version: 4 | 6; readonly prefix: number; readonly value: bigint };
export type TrustedProxies = readonly TrustedRange[];

export declare const CLIENT_IP_HEADER: "x-client-ip";
export declare const FORWARDING_HEADERS: readonly string[];

export declare function normalizeIp(input: unknown): string | null;
export declare function parseTrustedProxies(text: string | undefined): TrustedProxies;
export declare function isTrustedAddress(address: string, trustedProxies: TrustedProxies): boolean;
export declare function resolveClientAddress(input: {
  remoteAddress: string | null | undefined;
  forwardedFor: string | string[] | null | undefined;
  trustedProxies: TrustedProxies;
}): { address: string; peerTrusted: boolean };
export declare function applyClientAddress(
  request: { socket?: { remoteAddress?: string | null } | null; headers: Record<string, string | string[] | undefined> },
  trustedProxies: TrustedProxies,
): void;
export declare function throttleNetwork(address: string): string;
