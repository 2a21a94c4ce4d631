/** Top bar: product name, the main sections and help. */
import { useNavigation } from '../stores/navigation.ts';
import { HelpDialog } from './HelpDialog.tsx';

export function AppHeader() {
  const route = useNavigation((s) => s.route);
  const navigate = useNavigation((s) => s.navigate);
  const section = route.view === 'compare' ? 'compare' : 'scenarios';
  return (
    <header className="app-header">
      <a className="brand" href="#/" onClick={(e) => { e.preventDefault(); navigate({ view: 'list' }); }}>
        <span className="brand-mark" aria-hidden="true">▦</span> Podplan
      </a>
      <nav aria-label="Sections" className="app-nav">
        <button
          type="button"
          className="nav-link"
          aria-current={section === 'scenarios' ? 'page' : undefined}
          onClick={() => navigate({ view: 'list' })}
        >
          Scenarios
        </button>
        <button
          type="button"
          className="nav-link"
          aria-current={section === 'compare' ? 'page' : undefined}
          onClick={() => navigate({ view: 'compare', a: null, b: null })}
        >
          Compare
        </button>
      </nav>
      <HelpDialog />
    </header>
  );
}
