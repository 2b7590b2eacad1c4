import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ZNewUser } from "@/lib/users/service";

describe("password policy", () => {
  it("refuses common, breached and self-describing passwords, and accepts passphrases", () => {
    for (const p of ["Password1234", "qwertyuiop123", "iloveyou2024", "1234567890ab"]) expect(passwordProblem(p), p).toMatch(/common|guess/);
    for (const p of ["annakowalska", "kowalska2024", "Kowalska123"]) expect(passwordProblem(p, ["anna.kowalska@example.com", "Anna Kowalska"]), p).toMatch(/own name or e-mail/);
    expect(passwordProblem("short")).toMatch(/at least 10/);
    for (const p of ["violet lantern orbit 42", "correct-horse-battery", "Tr0ub4dor&3x-plus"]) expect(passwordProblem(p), p).toBeNull();
  });
  it("is applied wherever an account is created", () => {
    const r = ZNewUser.safeParse({ email: "x@example.com", role: "MANAGER", password: "Password1234" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["password"]);
  });
});
