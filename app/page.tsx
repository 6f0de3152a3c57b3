import { ScenarioLibrary } from "../components/library/ScenarioLibrary";

export default function Home() {
  return <ScenarioLibrary />;
}
