"""The five bundled seed digests parse exactly as written (52 papers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reader.core.models import Media, Paper, Section
from reader.core.parse import read_digest

PAPERS_PER_FILE = {
    "2024-04-02.md": 12,
    "2024-07-04.md": 9,
    "2024-08-01.md": 12,
    "2024-08-22.md": 11,
    "2024-11-20.md": 8,
}

# Values copied from the seed files; `source` is filled in by the test.
EXPECTED: dict[str, list[Paper]] = {
    "2024-04-02.md": [
        Paper(
            arxiv_id="2404.00399",
            date="2024-04-02",
            title="Aurora-M: The First Open Source Multilingual Language Model Red-teamed according to the U.S. Executive Order",
            url="https://arxiv.org/abs/2404.00399",
            votes=24,
            authors=(
                "Yekun Chai",
                "Jason T Stillerman",
                "Taishi Nakamura",
                "Tommaso Furlanello",
                "Prateek Yadav",
                "Suhas Pai",
                "Ben Bogin",
                "Rio Yokota",
                "Marzena Karpinska",
                "Tanmay Laud",
                "Xuan-Son Vu",
                "Mayank Mishra",
                "Simone Tedeschi",
                "Tosin Adewumi",
                "Terry Yue Zhuo",
                "Diganta Misra",
                "Veronika Laippala",
                "Vu Minh Chien",
                "Wojciech Kusa",
                "Arnav Varma Dantuluri",
                "Felix Friedrich",
                "Niklas Muennighoff",
            ),
            authors_truncated=True,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2404.00399.png"),
            sections=(
                Section(
                    None,
                    "본 논문은 이전 모델들이 직면한 한계, 즉 제한된 다국어 지원, 지속적 사전학습으로 인한 잊어버림 현상, 그리고 높은 컴퓨팅 비용 등의 문제를 해결하기 위한 150억 개 파라미터를 갖는 다국어 오픈 소스 모델인 Aurora-M을 소개한다.",
                ),
                Section(
                    None,
                    "Aurora-M은 영어, 핀란드어, 힌디어, 일본어, 베트남어 및 프로그래밍 코드를 포함한 StarCoderPlus에서 추가로 4350억 토큰에 대해 지속적으로 사전학습되었으며, 총 학습 토큰 수가 2조를 초과한다.",
                ),
                Section(
                    None,
                    "이 모델은 인간이 검토한 안전 지침에 따라 미세 조정되어, 전통적인 red-teaming 접근법뿐만 아니라 바이든-해리스 행정명령이 명시한 안전하고, 보안이 강화된, 신뢰할 수 있는 인공지능의 개발 및 사용과 관련된 특정 우려사항과도 일치하도록 개발되었다.",
                ),
                Section(
                    None,
                    "다양한 작업과 언어에 걸쳐 엄격하게 평가된 Aurora-M은 재앙적인 망각에 대한 강건함을 보여주고, 특히 안전 평가에서 다국어 환경에서 대안 모델들보다 우수한 성능을 발휘한다.",
                ),
                Section(
                    None,
                    "책임감 있는 오픈 소스 대규모 언어 모델(LLM) 개발을 촉진하기 위해 Aurora-M 및 그 변형 모델들이 https://huggingface.co/collections/aurora-m/aurora-m-models-65fdfdff62471e09812f5407 에서 공개되었다.",
                ),
            ),
                    line=3,
        ),
        Paper(
            arxiv_id="2404.00308",
            date="2024-04-02",
            title="ST-LLM: Large Language Models Are Effective Temporal Learners",
            url="https://arxiv.org/abs/2404.00308",
            votes=2,
            authors=(
                "Ying Shan",
                "Haoran Tang",
                "Chen Li",
                "Ruyang Liu",
                "Ge Li",
                "Yixiao Ge",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2404.00308.png"),
            sections=(
                Section(
                    None,
                    "ST-LLM은 공간-시간 토큰을 대규모 언어 모델(LLM)에 직접 입력하여 동영상 이해 능력을 향상시키는 새로운 접근 방식을 제안합니다.",
                ),
                Section(
                    None,
                    "이 방법은 간단하면서도 놀라운 향상을 가져오고, 효과적인 비디오 시퀀스 모델링을 위한 ST-LLM을 소개합니다.",
                ),
                Section(
                    None,
                    "비압축 비디오 토큰으로 인한 부하와 안정성 문제를 해결하기 위해 동적 마스킹 전략과 맞춤형 훈련 목표를 개발합니다.",
                ),
                Section(
                    None,
                    "특히 긴 비디오의 경우, 효율성과 효과성의 균형을 맞추기 위한 글로벌-로컬 입력 모듈을 설계하였습니다.",
                ),
                Section(
                    None,
                    "ST-LLM은 효율성과 안정성을 유지하면서 LLM을 사용하여 숙련된 공간-시간 모델링을 수행합니다.",
                ),
                Section(
                    None,
                    "광범위한 실험 결과는 제안된 방식의 효과를 증명하며, ST-LLM은 VideoChatGPT-Bench와 MVBench에서 새로운 최고 성과를 달성합니다.",
                ),
                Section(
                    None,
                    "소스 코드는 https://github.com/TencentARC/ST-LLM 에서 제공됩니다.",
                ),
            ),
                    line=174,
        ),
    ],
    "2024-07-04.md": [
        Paper(
            arxiv_id="2407.03320",
            date="2024-07-04",
            title="InternLM-XComposer-2.5: A Versatile Large Vision Language Model Supporting Long-Contextual Input and Output",
            url="https://arxiv.org/abs/2407.03320",
            votes=49,
            authors=(
                "Xiaoyi Dong",
                "Wenwei Zhang",
                "Rui Qian",
                "Qipeng Guo",
                "Yuhang Cao",
                "Yuhang Zang",
                "Pan Zhang",
                "Linke Ouyang",
                "Yining Li",
                "Wei Li",
                "Bin Wang",
                "Songyang Zhang",
                "Lin Chen",
                "Wenhai Wang",
                "Peng Sun",
                "Xingcheng Zhang",
                "Xinyue Zhang",
                "Yang Gao",
                "Hang Yan",
                "Jingwen Li",
                "Conghui He",
                "Haodong Duan",
            ),
            authors_truncated=True,
            media=Media(kind="image", url="https://huggingface.co/avatars/bcc9bf5cbf67546ad2b4c9ec8b96ac96.svg"),
            sections=(
                Section(
                    "What's New",
                    "최근 대형 언어 모델(LLMs)의 발전은 대형 비전 언어 모델(LVLMs)의 개발에도 관심을 불러일으켰습니다. 이에 따라 다양한 응용 프로그램이 가능해졌습니다. 새로운 모델 InternLM-XComposer-2.5 (IXC-2.5)는 장기적 입력 및 출력을 지원하는 다양한 이해 및 구성 능력을 갖춘 다재다능한 LVLM으로 소개됩니다.",
                ),
                Section(
                    "Technical Details",
                    "InternLM-XComposer-2.5는 기존의 오픈소스 LVLM에서 두 가지 주요 이점을 가집니다: 1) 다재다능성: IXC-2.5는 자유 형식 텍스트-이미지 대화, OCR, 비디오 이해, 삽화를 포함한 기사 작성, 웹페이지 제작 등 다양한 과제를 지원합니다. 2) 장기적 입력 및 출력 기능: 24K 인터리브드 이미지-텍스트 데이터로 네이티브 트레이닝되고, 포지셔널 인코딩 외삽법을 통해 컨텍스트 창을 96K로 확장할 수 있습니다. 추가적으로, IXC-2.5는 동적 해상도 솔루션을 포함한 초고해상도 이해, 세밀한 비디오 이해, 자유 형식의 다중 회전 다중 이미지 대화를 특징으로 갖추고 있습니다.",
                ),
                Section(
                    "Performance Highlights",
                    "InternLM-XComposer-2.5는 다양한 벤치마크에서 성능을 평가했습니다. 비디오, 고해상도 구조 벤치마크, 일반 VQA 벤치마크 등 총 28개 벤치마크에서 오픈소스 LVLM 중 최고 성능을 기록했으며, 16개 벤치마크에서 기존 상용 API와 대등하거나 그 이상의 성과를 보였습니다.",
                ),
            ),
                    line=3,
        ),
        Paper(
            arxiv_id="2407.02687",
            date="2024-07-04",
            title="No Training, No Problem: Rethinking Classifier-Free Guidance for Diffusion Models",
            url="https://arxiv.org/abs/2407.02687",
            votes=12,
            authors=(
                "Manuel Kansy",
                "Romann M. Weber",
                "Otmar Hilliges",
                "Seyedmorteza Sadat",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.02687.png"),
            sections=(
                Section(
                    "What's New",
                    "이 연구에서는 새로운 딥러닝(Deep Learning) 모델인 XYZ-Net을 제안합니다. 이 모델은 기존의 신경망(neural networks) 구조를 개선하여 다양한 분야에서 더 높은 성능을 발휘할 수 있도록 설계되었습니다.",
                ),
                Section(
                    "Technical Details",
                    "XYZ-Net은 기존의 CNN(convolutional neural networks) 아키텍처를 기반으로 합니다. 모델의 핵심 요소로는 새로운 유형의 레이어(layer), 향상된 활성화 함수(activation function), 그리고 효율적인 학습 알고리즘(learning algorithm)이 포함됩니다. 또한, 모델의 최적화를 위해 다양한 정규화 기법(regularization techniques)과 데이터 증강(data augmentation) 기법이 적용되었습니다.",
                ),
                Section(
                    "Performance Highlights",
                    "실험 결과, XYZ-Net은 이미지 분류(image classification), 객체 인식(object detection), 자연어 처리(NLP, Natural Language Processing) 등 다양한 과제에서 기존 모델을 능가하는 성능을 보였습니다. 특히, XYZ-Net은 CIFAR-10, ImageNet과 같은 표준 데이터셋에서 SOTA(State-of-the-Art) 성과를 달성했습니다. 모델의 효율성 또한 GPU(GPU, Graphics Processing Unit)를 활용한 병렬 처리에서 높은 성능을 보였습니다.",
                ),
            ),
                    line=39,
        ),
    ],
    "2024-08-01.md": [
        Paper(
            arxiv_id="2407.21475",
            date="2024-08-01",
            title="Fine-gained Zero-shot Video Sampling",
            url="https://arxiv.org/abs/2407.21475",
            votes=3,
            authors=(
                "Jie Hu",
                "Dengsheng Chen",
                "Xiaoming Wei",
                "Enhua Wu",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21475.png"),
            sections=(
                Section(
                    "What's New",
                    "새로운 제로-샷(Zero-shot) 비디오 샘플링 알고리즘인 𝒵𝒮2𝒵(Zero-Shot video Sampling)을 소개합니다. 이 알고리즘은 사전 학습된 이미지 디퓨전 모델(pre-trained image diffusion model)로부터 고품질의 비디오 세그먼트를 직접 샘플링하는 것을 가능하게 합니다.",
                ),
                Section(
                    "Technical Details",
                    "본 연구는 연속적인 비디오 시퀀스가 노이즈(라티언트) 공간에서 상당한 상관관계를 보인다는 점을 관찰하여, 전통적인 랜덤 노이즈 초기화를 대체할 의존 노이즈 모델(dependency noise model)을 제안합니다. 또한, 긴 세그먼트 동안 샘플링된 비디오 콘텐츠의 연속성을 강화하기 위해 자기 주의 기능(self-attention function) 내에 시간적 모멘텀 메커니즘(temporal momentum mechanism)을 도입합니다.",
                ),
                Section(
                    "Performance Highlights",
                    '- 새로운 제로-샷 비디오 샘플링 알고리즘이 고품질 비디오 세그먼트를 생성할 수 있음을 입증합니다.\n- 의존 노이즈 모델과 시간적 모멘텀 주의가 처음으로 생성된 비디오의 시간적 변화를 유연하게 제어할 수 있게 합니다.\n- 조건부 및 특수 비디오 생성, 텍스트 지시에 따른 비디오 편집 등 다양한 응용 분야에서 본 기법의 효과를 입증합니다.',
                ),
            ),
                    line=111,
        ),
        Paper(
            arxiv_id="2404.01300",
            date="2024-08-01",
            title="NeRF-MAE: Masked AutoEncoders for Self-Supervised 3D Representation Learning for Neural Radiance Fields",
            url="https://arxiv.org/abs/2404.01300",
            votes=None,
            authors=(
                "Rares Ambrus",
                "Zsolt Kira",
                "Muhammad Zubair Irshad",
                "Sergey Zakharov",
                "Vitor Guizilini",
                "Adrien Gaidon",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2404.01300.png"),
            sections=(
                Section(
                    "What's New",
                    "이 논문은 Neural Radiance Fields(NeRFs)을 이용하여 셀프-슈퍼바이즈드(Self-Supervised) 학습을 수행하는 새로운 프레임워크, NeRF-MAE(NeRF Masked Auto Encoders)를 제안합니다. NeRF의 Radiance와 Density Grid를 입력 모달리티로 활용하여, Masked Autoencoders를 적용함으로써 다양한 다운스트림(Downstream) 작업에서 뛰어난 성능을 보여줍니다.",
                ),
                Section(
                    "Technical Details",
                    "NeRF-MAE는 표준 3D Transformer를 활용하여 Masked Autoencoding 목표를 수행합니다. 이는 NeRF의 Radiance와 Density Grid를 volumetric masking 및 embedding 모듈과 Autoencoder 객체로 분할하여 학습합니다. 제안된 모델은 4D Voxel Grid를 작은 패치로 나누고, 무작위로 일부를 가려 데이터 중복을 최소화한 다음, 남은 패치로부터 방사 및 밀도 패치를 재구성합니다. 훈련과 평가를 위해서는 Front3D, ScanNet, ARKitScenes, Hypersim 등의 다양한 소스로부터 180만 개 이상의 이미지와 3600개 이상의 실내 장면을 포함하는 대규모 데이터셋을 준비했습니다.",
                ),
                Section(
                    "Performance Highlights",
                    "NeRF-MAE는 다른 셀프-슈퍼바이즈드 3D 전이학습 기법과 비교했을 때, 성능 면에서 뛰어나며, 특히 Front3D와 ScanNet 데이터셋에서 3D 객체 경계상자(OBB) 예측에서 21.5%의 AP50과 8%의 AP25 향상을 보였습니다. 또한, 제안된 접근법은 동일한 성능을 달성하기 위해 기존 최첨단 기법보다 절반 이하의 데이터만 필요로 합니다. 추가로, Front3D 데이터셋에서 3D 객체 탐지와 시멘틱 Voxel 레이블링에서 각각 20% 이상의 AP50과 12%의 mAcc을 달성했습니다.",
                ),
            ),
                    line=135,
        ),
    ],
    "2024-08-22.md": [
        Paper(
            arxiv_id="2408.11721",
            date="2024-08-22",
            title="Iterative Object Count Optimization for Text-to-image Diffusion Models",
            url="https://arxiv.org/abs/2408.11721",
            votes=3,
            authors=(
                "Idan Schwartz",
                "Oz Zafar",
                "Lior Wolf",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-avatars.huggingface.co/v1/production/uploads/1645002335184-617fb19badaa26f5e57e97cd.png"),
            sections=(
                Section(
                    "What's New",
                    "본 논문에서는 텍스트-이미지 변환(dieffen) 모델에서 구체적인 오브젝트 개수를 정확하게 표현하는 새로운 방법을 제시합니다. 본 연구는 특히 이미지를 생성하는 과정에서 오브젝트 개수를 카운팅하기 위한 메커니즘을 도입하여, 주어진 개수를 정확하게 반영할 수 있도록 최적화된 수량 정렬 목표(quantity alignment objective)를 채택했습니다.",
                ),
                Section(
                    "Technical Details",
                    "기술적인 측면에서는, 새로운 입력 토큰인 'counting token'의 임베딩을 최적화하여 원하는 오브젝트 개수를 달성하는 방법을 설명합니다. 이 과정은 생성된 이미지에 대해 카운팅 손실(counting loss)을 적용하고, 각 시간 단계에서 검출 모델의 스케일된 카운팅 손실 잠재력을 사용하여 반복적으로 실행됩니다. 최적화된 후 이 토큰은 추가 최적화 없이 다른 배경 및 클래스의 이미지를 생성하는 데 재사용할 수 있습니다. 이 방법은 파생 가능한 잠재 신호를 비파생 가능(non-derivable) 점수와 결합하여 어떤 검출 메커니즘을 기반으로 최적화할 수 있게 합니다.",
                ),
                Section(
                    "Performance Highlights",
                    "우리의 방법은 최근 최신 이미지 생성 방법과 비교했을 때 품질과 정확도 측면에서 상당한 개선을 보여줍니다. 예를 들어, 초기 베이스라인에서 생성된 30개의 공을 최적화 과정을 통해 10개의 공으로 줄이는 과정을 성공적으로 시연했습니다. 또한 동일한 토큰을 다른 프롬프트에서도 정확하게 오브젝트 수를 유지하며 재사용할 수 있음을 입증했습니다.",
                ),
            ),
                    line=63,
        ),
        Paper(
            arxiv_id="2408.11457",
            date="2024-08-22",
            title="Expanding FLORES+ Benchmark for more Low-Resource Settings: Portuguese-Emakhuwa Machine Translation Evaluation",
            url="https://arxiv.org/abs/2408.11457",
            votes=None,
            authors=(
                "Rui Sousa-Silva",
                "Henrique Lopes Cardoso",
                "Felermino D. M. Antonio Ali",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2408.11457.png"),
            sections=(
                Section(
                    "What's New",
                    "이번 연구는 저자들이 Emakhuwa 언어를 포함하도록 FLORES+ 평가 세트를 확장하는 내용을 다룹니다. Emakhuwa는 모잠비크에서 약 900만 명이 사용하는 저자원 언어로, 이번 연구는 Emakhuwa 언어 데이터를 구축하여 기계 번역(ML) 커뮤니티에서 활용할 수 있도록 합니다.",
                ),
                Section(
                    "Technical Details",
                    "이 연구에서는 dev 세트와 devtest 세트를 번역하는 작업을 진행했습니다. 번역 작업에는 Matecat (CAT: Computer-Assisted Translation) 도구가 사용되었으며, 번역 품질을 보장하기 위해 신중한 언어 품질 검토와 전문가 의견 수렴 단계를 거쳤습니다. 번역 품질 평가는 Direct Assessment (DA) 파이프라인을 통해 이루어졌습니다.",
                ),
                Section(
                    "Performance Highlights",
                    "번역 팀은 devtest와 dev 세트에서 총 2009개의 문장을 번역했습니다. 번역 평가는 번역의 적절성을 0에서 100점 사이로 평가하는 방법을 사용했으며, 점수 구간은 Wang et al. 2024 연구를 참고했습니다. 품질 보고서에 따르면, 두 번역 세트 간에 언어 품질과 용어 일관성에서 차이가 나타났습니다.",
                ),
            ),
                    line=123,
        ),
    ],
    "2024-11-20.md": [
        Paper(
            arxiv_id="2411.12240",
            date="2024-11-20",
            title="Evaluating Tokenizer Performance of Large Language Models Across Official Indian Languages",
            url="https://arxiv.org/abs/2411.12240",
            votes=2,
            authors=(
                "D. J. Bora",
                "S. Tamang",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2411.12240.png"),
            sections=(
                Section(
                    "What's New",
                    "이 연구는 인도의 22개 공식 언어에 걸친 대형 언어 모델(Large Language Models; LLM)에 사용되는 토크나이저(tokenizer) 평가에 초점을 맞추고 있으며, SUTRA 토크나이저가 12개의 다양한 LLM을 넘어서 14개 언어에서 가장 우수한 성능을 보였음을 밝혔습니다. 이는 인도의 복잡한 언어 구조를 다루는 데 있어 토크나이저 개발의 중요성을 강조합니다.",
                ),
                Section(
                    "Technical Details",
                    "연구에서는 인도의 모든 공식 언어에 대해 LLM의 토크나이저 성능을 평가하는데, Normalized Sequence Length (NSL) 지표를 사용했습니다. 토크나이저는 주어진 예제 문장의 인코딩된 시퀀스 길이를 바탕으로 평가되었으며, 12개의 모델이 시험되었습니다. 본 연구는 특히 GPT-4o의 인도어 처리에서의 진보를 발견하였으며, 프로젝트 '인더스'(Project Indus)의 제한된 성능을 확인하였습니다.",
                ),
                Section(
                    "Performance Highlights",
                    "SUTRA 토크나이저가 총 22개 언어 중 14개 언어에서 가장 우수한 성능을 기록했으며, 이는 다른 토크나이저보다 훨씬 낮은 NSL 값을 보였습니다. 다른 모델로는 MBZUAI의 난다(Nanda)가 6개 언어에서 최상의 성능을 보였고, 오픈AI의 GPT-4o는 5개 언어에서 우수한 성능을 나타냈습니다. 이는 토크나이저 설계 개선을 통해 다국어 모델 효율성을 높이는 방향성을 제시합니다.",
                ),
            ),
                    line=27,
        ),
        Paper(
            arxiv_id="2411.12044",
            date="2024-11-20",
            title="ITACLIP: Boosting Training-Free Semantic Segmentation with Image, Text, and Architectural Enhancements",
            url="https://arxiv.org/abs/2411.12044",
            votes=10,
            authors=(
                "Gozde Unal",
                "Yusuf H. Sahin",
                "M. Arda Aydın",
                "Efe Mert Çırpar",
                "Elvin Abdinli",
            ),
            authors_truncated=False,
            media=Media(kind="image", url="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2411.12044.png"),
            sections=(
                Section(
                    "What's New",
                    "ITACLIP은 Vision Language Models (VLMs)인 CLIP의 성능을 강화하여 Zero-Shot Open-Vocabulary Semantic Segmentation (OVSS) 작업에서 최고의 결과를 제공합니다. 이 논문은 CLIP 모델의 이미지 및 텍스트 기능을 증대시켜 학습 필요 없이 개선된 성능을 이끌어 냅니다.",
                ),
                Section(
                    "Technical Details",
                    "ITACLIP은 Vision Transformers(ViT)의 마지막 레이어에서 자기 주의 메커니즘을 수정하고 중간 레이어의 주의 맵을 최종 레이어와 결합하여 아키텍처를 개선합니다. 또한, 이미지 엔지니어링(Image Engineering)을 통해 입력 이미지 표현을 강화하고, 대형 언어 모델(Large Language Models; LLMs)을 사용하여 각 클래스 이름에 대한 정의와 동의어를 생성하여 CLIP의 Open-Vocabulary 기능을 활용합니다.",
                ),
                Section(
                    "Performance Highlights",
                    "ITACLIP은 COCO-Stuff, COCO-Object, Pascal Context, Pascal VOC 벤치마크에서 현재 최첨단(SOTA) 방법들을 뛰어넘는 성능을 보였습니다. 특히, VOC 데이터셋에서는 67.9%의 mIoU를 달성하며, 다른 모델들에 비해 우수한 성능을 나타냅니다.",
                ),
            ),
                    line=51,
        ),
    ],
}


@pytest.mark.parametrize(
    ("name", "expected"),
    [(name, paper) for name, papers in EXPECTED.items() for paper in papers],
    ids=lambda value: value.arxiv_id if isinstance(value, Paper) else value,
)
def test_sample_paper_has_every_field_as_written(seeds_dir: Path, name: str, expected: Paper) -> None:
    digest = read_digest(seeds_dir / name)
    by_id = {paper.arxiv_id: paper for paper in digest.papers}
    assert by_id[expected.arxiv_id] == dataclasses.replace(expected, source=str(seeds_dir / name))


@pytest.mark.parametrize(("name", "count"), PAPERS_PER_FILE.items())
def test_every_seed_loads_cleanly_with_its_paper_count(seeds_dir: Path, name: str, count: int) -> None:
    digest = read_digest(seeds_dir / name)
    assert digest.problems == ()
    assert digest.encoding == "utf-8"
    assert len(digest.papers) == count
    assert digest.dates == (name.removesuffix(".md"),)


def test_all_52_papers_are_complete_and_unique_per_date(seeds_dir: Path) -> None:
    papers = [paper for name in PAPERS_PER_FILE for paper in read_digest(seeds_dir / name).papers]
    assert len(papers) == 52
    assert len({paper.key for paper in papers}) == 52
    for paper in papers:
        assert paper.source.endswith(f"{paper.date}.md")
        assert paper.url == f"https://arxiv.org/abs/{paper.arxiv_id}"
        assert paper.title and paper.authors and paper.sections
        assert paper.media is not None and paper.media.url.startswith("https://")
        assert all(section.text for section in paper.sections)
        assert Path(paper.source).read_text(encoding="utf-8").split("\n")[paper.line - 1].startswith(
            f"### [{paper.title}]("
        )


def test_papers_keep_file_order(seeds_dir: Path) -> None:
    lines = [paper.line for paper in read_digest(seeds_dir / "2024-08-22.md").papers]
    assert lines == sorted(lines)
    assert lines[0] == 3


def test_labelled_sections_use_the_three_standard_labels(seeds_dir: Path) -> None:
    for name in ("2024-07-04.md", "2024-08-01.md", "2024-08-22.md", "2024-11-20.md"):
        for paper in read_digest(seeds_dir / name).papers:
            assert [section.label for section in paper.sections] == [
                "What's New",
                "Technical Details",
                "Performance Highlights",
            ]


def test_plain_bullet_digest_has_one_unlabelled_section_per_bullet(seeds_dir: Path) -> None:
    papers = read_digest(seeds_dir / "2024-04-02.md").papers
    assert all(section.label is None for paper in papers for section in paper.sections)
    assert [len(paper.sections) for paper in papers][:3] == [5, 8, 9]


def test_list_literal_value_becomes_markdown_bullets(seeds_dir: Path) -> None:
    paper = {p.arxiv_id: p for p in read_digest(seeds_dir / "2024-08-01.md").papers}["2407.21475"]
    highlights = paper.sections[2]
    assert highlights.label == "Performance Highlights"
    assert highlights.text.splitlines() == [
        "- 새로운 제로-샷 비디오 샘플링 알고리즘이 고품질 비디오 세그먼트를 생성할 수 있음을 입증합니다.",
        "- 의존 노이즈 모델과 시간적 모멘텀 주의가 처음으로 생성된 비디오의 시간적 변화를 유연하게 제어할 수 있게 합니다.",
        "- 조건부 및 특수 비디오 생성, 텍스트 지시에 따른 비디오 편집 등 다양한 응용 분야에서 본 기법의 효과를 입증합니다.",
    ]
    assert "['" not in paper.summary_text
