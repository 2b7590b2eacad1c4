export function JoinForm({ defaultCode = "" }: { defaultCode?: string }) {
  return (
    <form action="/join" method="get">
      <div className="field">
        <label htmlFor="code">Join code</label>
        <input id="code" name="code" className="code-input" defaultValue={defaultCode} autoComplete="off"
          inputMode="text" maxLength={32} required placeholder="ABCD-EFGH" />
        <p className="hint">Your facilitator shows the code on screen or sends you a link.</p>
      </div>
      <button className="btn" type="submit" style={{ width: "100%" }}>Join</button>
    </form>
  );
}
