export function meta() {
  return [{ title: "React Router" }];
}

export function loader() {
  return { now: new Date().toISOString() };
}

export default function Home({ loaderData }: { loaderData: { now: string } }) {
  return (
    <main>
      <h1>React Router</h1>
      <p>Rendered at {loaderData.now}</p>
    </main>
  );
}
