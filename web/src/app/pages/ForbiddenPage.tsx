import { ForbiddenResult } from '../../components/ErrorResult';

export default function ForbiddenPage() {
  return <ForbiddenResult />;
}
