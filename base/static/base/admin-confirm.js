// Workflow actions that take effect at once (approving from the dashboard's "Chờ bạn duyệt"
// list, or from a page's action menu) ask first; actions that open a comment form already do.
document.addEventListener(
  "click",
  (event) => {
    const button = event.target.closest("[data-workflow-action-url]");
    if (!button || button.hasAttribute("data-launch-modal")) return;
    const row = button.closest("tr");
    const title = row ? row.querySelector("td")?.innerText.split("\n")[0].trim() : "";
    const action = button.innerText.trim();
    const question = title
      ? `${action}: “${title}”?\nNội dung được duyệt sẽ đăng công khai ngay.`
      : `${action}? Nội dung được duyệt sẽ đăng công khai ngay.`;
    if (!window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);
