import { NotFoundResult } from '../../components/ErrorResult';

export default function NotFoundPage() {
  return <NotFoundResult />;
}
