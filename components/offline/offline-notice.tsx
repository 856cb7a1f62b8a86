/** Said beside a form whose submit was kept on the device. */
export function OfflineNotice({ text }: { text: string | null }) {
  return (
    <div aria-live="polite" role="status">
      {text ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="offline-saved">
          {text}
        </p>
      ) : null}
    </div>
  );
}
