/** Only a local path may be a return address: never another site. */
export function safeReturnPath(value: string | undefined): string {
  return value && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : "/pro";
}
