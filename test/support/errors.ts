/** The one error shape of the API, with the given status and code. */
export function expectError(res: { status: number; body: unknown }, status: number, code: string): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: { statusCode: status, error: expect.any(String), code, message: expect.any(String), details: expect.any(Array) },
  });
}

/** A 400 VALIDATION_FAILED whose details name `field`; returns that detail's problem. */
export function expectFieldError(res: { status: number; body: unknown }, field: string): string {
  expectError(res, 400, 'VALIDATION_FAILED');
  const details = (res.body as { details: { field: string; problem: string }[] }).details;
  for (const detail of details) expect(detail).toEqual({ field: expect.any(String), problem: expect.any(String) });
  const detail = details.find((d) => d.field === field);
  expect({ fields: details.map((d) => d.field), has: detail !== undefined }).toEqual({ fields: expect.arrayContaining([field]), has: true });
  return detail!.problem;
}
