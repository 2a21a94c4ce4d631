/** The notice stack (bottom right): confirmations with actions, and errors until dismissed. */
import { useNotices, type Notice } from '../stores/notices.ts';
import { IssueList } from '../ui/IssueList.tsx';

function NoticeCard({ notice }: { notice: Notice }) {
  const dismiss = useNotices((s) => s.dismiss);
  const isError = notice.kind === 'error';
  return (
    <div className={`notice notice-${notice.kind}`} role={isError ? 'alert' : 'status'} aria-label={notice.title}>
      <div className="notice-text">
        <strong className="notice-title">{notice.title}</strong>
        {notice.message ? <p className="notice-message">{notice.message}</p> : null}
        {notice.issues ? <IssueList issues={notice.issues} /> : null}
      </div>
      <div className="notice-actions">
        {notice.action ? (
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => {
              const action = notice.action;
              dismiss(notice.id);
              if (action) void action.run();
            }}
          >
            {notice.action.label}
          </button>
        ) : null}
        {(notice.moreActions ?? []).map((action) => (
          <button
            key={action.label}
            type="button"
            className="btn btn-small"
            onClick={() => {
              dismiss(notice.id);
              void action.run();
            }}
          >
            {action.label}
          </button>
        ))}
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Dismiss: ${notice.title}`} onClick={() => dismiss(notice.id)}>
          ✕
        </button>
      </div>
    </div>
  );
}

export function Notices() {
  const notices = useNotices((s) => s.notices);
  return (
    <section className="notices" aria-label="Notifications">
      {notices.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} />
      ))}
    </section>
  );
}
